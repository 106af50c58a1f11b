// A fictional API for the fixture resources (test/fixtures/resources) on 127.0.0.1 port 0, and an
// engine that knows only those resources, for the tests that prove the engine is generic. Every
// request is recorded as `METHOD /path?query` in `seen`.

import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { createEngine, type Engine } from '../../src/engine.js';
import { tempHome } from './temp-home.js';

export interface FixtureRequest {
  readonly method: string;
  readonly url: URL;
  readonly body: string;
}
/** Answers a request: the handler calls it once, now or later. */
export type Send = (status: number, value: unknown) => void;

export interface FixtureApi {
  /** The API's base URL: the resources' server param. */
  readonly region: string;
  readonly engine: Engine;
  readonly seen: string[];
}

const FIXTURES = fileURLToPath(new URL('../fixtures/resources', import.meta.url));

/** Starts the API and the engine before the file's tests, and stops them after. */
export function useFixtureApi(handler: (req: FixtureRequest, send: Send) => void, options: { concurrency?: number } = {}): FixtureApi {
  let server: Server;
  const api = { region: '', engine: undefined as unknown as Engine, seen: [] as string[] };
  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      api.seen.push(`${req.method} ${url.pathname}${url.search}`);
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => handler({ method: req.method ?? 'GET', url, body }, (status, value) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value))));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    api.region = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    api.engine = createEngine({ env: { DATABRICKS_TOKEN: 't' }, homeDir: tempHome(), resourceDirs: [FIXTURES], ...options });
  });
  afterAll(async () => {
    await api.engine.close();
    server.close();
  });
  return api;
}
