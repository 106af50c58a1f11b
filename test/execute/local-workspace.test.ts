import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import type { LocalWorkspace } from '../../src/execute/index.js';
import type { Executor } from '../../src/execute/types.js';
import { apiRequest, collect, listRequest, rejection, testExecutor } from './helpers/requests.js';
import { sendJson, startServer, type TestServer } from './helpers/test-server.js';

let server: TestServer;
let executor: Executor;
afterEach(async () => {
  await executor?.close();
  await server?.close();
});

/** A fake `local` workspace: counts how often it is started and stopped. */
function fakeLocal(url: () => string) {
  const counts = { starts: 0, closes: 0 };
  const startLocal = async (): Promise<LocalWorkspace> => {
    counts.starts++;
    await new Promise((r) => setTimeout(r, 20)); // concurrent callers must wait for this one start
    return { url: url(), token: 'local-secret-token', close: async () => void counts.closes++ };
  };
  return { counts, startLocal };
}

describe('the local workspace', () => {
  it('when several requests target local at once then it is started once and shared, and close() stops it', async () => {
    server = await startServer((_req, res) => sendJson(res, 200, { things: [{ id: 'a' }] }));
    const local = fakeLocal(() => server.url);
    executor = testExecutor({ env: {}, startLocal: local.startLocal });

    await Promise.all([executor.call(apiRequest('local')), executor.call(apiRequest('local')), collect(executor.pages(listRequest('local')))]);
    expect(local.counts.starts).toBe(1);
    expect(server.requests.every((r) => r.headers.authorization === 'Bearer local-secret-token')).toBe(true);

    await executor.close();
    expect(local.counts.closes).toBe(1);
  });

  it('when local is never used then it is never started', async () => {
    const local = fakeLocal(() => 'http://127.0.0.1:1');
    executor = testExecutor({ startLocal: local.startLocal });
    await executor.close();
    expect(local.counts).toEqual({ starts: 0, closes: 0 });
  });

  it('when starting fails then the call fails with a ConfigError and a later call may start it again', async () => {
    server = await startServer((_req, res) => sendJson(res, 200, {}));
    let attempts = 0;
    executor = testExecutor({
      startLocal: async () => {
        if (++attempts === 1) throw new Error('port in use');
        return { url: server.url, token: 't', close: async () => {} };
      },
    });
    const err = await rejection(executor.call(apiRequest('local')));
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toContain('port in use');
    await expect(executor.call(apiRequest('local'))).resolves.toEqual({});
  });

  // The real emulator is built in parallel (src/emulator); run against it once it exists.
  const emulatorBuilt = existsSync(join(import.meta.dirname, '../../src/emulator/index.ts'));
  it.skipIf(!emulatorBuilt)('when no startLocal is given then the embedded emulator serves local from $HOOKQL_HOME/local.db', async () => {
    const home = mkdtempSync(join(tmpdir(), 'hookql-home-'));
    executor = testExecutor({ env: {}, homeDir: home, startLocal: undefined });
    const request = listRequest('local', { path: '/api/2.0/mlflow/registry-webhooks/list', objectKey: '$.webhooks' });
    const pages = await collect(executor.pages(request));
    expect(pages[0].items).toEqual([]);
    expect(existsSync(join(home, 'local.db'))).toBe(true);
  });
});
