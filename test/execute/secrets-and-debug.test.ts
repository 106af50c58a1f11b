import { afterEach, describe, expect, it } from 'vitest';
import type { Executor } from '../../src/execute/types.js';
import { CLIENT_ID, CLIENT_SECRET, startOAuthServer } from './helpers/oauth-server.js';
import { apiRequest, NEVER, PAT, rejection, SAFE, testExecutor } from './helpers/requests.js';
import { closedPortUrl, sendJson, startServer, type TestServer } from './helpers/test-server.js';

let server: TestServer | null = null;
let executor: Executor;
afterEach(async () => {
  await executor?.close();
  await server?.close();
  server = null;
});

const BASIC = Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64');
const SECRETS = [PAT, CLIENT_SECRET, BASIC, 'access-1', 'access-2', 'local-secret-token'];
const M2M_ENV = { DATABRICKS_CLIENT_ID: CLIENT_ID, DATABRICKS_CLIENT_SECRET: CLIENT_SECRET, DATABRICKS_CONFIG_FILE: '/nonexistent' };

/** A hostile server that echoes the Authorization header it received in its error message. */
const echoing = (status: number) =>
  startServer((req, res) => sendJson(res, status, { error_code: 'ECHO', message: `you sent ${req.headers.authorization}` }));

interface Scenario {
  readonly name: string;
  run(lines: string[]): Promise<Error>;
}

const scenarios: Scenario[] = [
  {
    name: 'a PAT echoed back in an error message',
    async run(lines) {
      server = await echoing(400);
      executor = testExecutor({ debug: (l) => lines.push(l) });
      return rejection(executor.call(apiRequest(server.url)));
    },
  },
  {
    name: 'OAuth tokens echoed back after a refresh',
    async run(lines) {
      server = await startOAuthServer({
        accepts: () => false,
        rejectWith: { status: 401, body: { error_code: 'X', message: 'access-1 and access-2 are expired' } },
      });
      executor = testExecutor({ env: M2M_ENV, debug: (l) => lines.push(l) });
      return rejection(executor.call(apiRequest(server.url)));
    },
  },
  {
    name: 'the Basic client header echoed by the token endpoint',
    async run(lines) {
      server = await startServer((req, res) => sendJson(res, 401, { error: 'invalid_client', error_description: `${req.headers.authorization}` }));
      executor = testExecutor({ env: M2M_ENV, debug: (l) => lines.push(l) });
      return rejection(executor.call(apiRequest(server.url)));
    },
  },
  {
    name: 'a refused connection',
    async run(lines) {
      const url = await closedPortUrl();
      executor = testExecutor({ debug: (l) => lines.push(l) });
      return rejection(executor.call(apiRequest(url, { retry: { ...SAFE, attempts: 2 } })));
    },
  },
  {
    name: 'the local workspace token echoed back',
    async run(lines) {
      const s = await echoing(403);
      server = s;
      const startLocal = async () => ({ url: s.url, token: 'local-secret-token', close: async () => {} });
      executor = testExecutor({ debug: (l) => lines.push(l), startLocal });
      return rejection(executor.call(apiRequest('local', { retry: NEVER })));
    },
  },
];

describe('secrets never reach error messages or debug lines', () => {
  it.each(scenarios)('$name', async (scenario) => {
    const lines: string[] = [];
    const err = await scenario.run(lines);
    const seen = [err.message, ...lines].join('\n');

    expect(lines.length).toBeGreaterThan(0);
    for (const secret of SECRETS) expect(seen).not.toContain(secret);
  });
});

describe('debug lines', () => {
  it('when a request is retried then each exchange logs method, path and query, status, time and attempt', async () => {
    let n = 0;
    server = await startServer((_req, res) => sendJson(res, n++ === 0 ? 503 : 200, {}));
    const lines: string[] = [];
    executor = testExecutor({ debug: (l) => lines.push(l) });
    await executor.call(apiRequest(server.url, { query: [['model_name', 'm 1']] }));

    const path = '/api/2.0/things/list?model_name=m%201';
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe(`http → GET ${server.url}${path} attempt 1 authorization: ***`);
    expect(lines[1]).toMatch(new RegExp(`^http ← 503 GET ${escape(path)} \\d+ms attempt 1$`));
    expect(lines[2]).toContain('attempt 2 authorization: ***');
    expect(lines[3]).toMatch(/^http ← 200 GET .* attempt 2$/);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
