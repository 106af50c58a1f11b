// Hostile servers (issue 10, items 1, 3, 4): a workspace that streams forever, announces a huge
// body, answers 200 with the wrong shape or an error envelope, or paginates forever. Each must end
// in exit 1 with a message naming the workspace and what was wrong — never rows of NULLs, never a
// silent truncation, never memory growing without bound.

import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { hookql } from '../helpers/run-cli.js';
import { tempHome } from '../helpers/temp-home.js';
import { Figures, withinMs } from './support/figures.js';
import { startHostileServer, type HostileServer, type Misbehaviour } from './support/hostile-server.js';

vi.setConfig({ testTimeout: 120_000 });

const TABLE = 'databricks_workspace.ml.model_registry_webhooks';
const figures = new Figures('hostile-server suite');
let server: HostileServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});
afterAll(() => console.log(figures.report()));

async function against(m: Misbehaviour, sql: (ws: string) => string, env: Record<string, string> = {}) {
  server = await startHostileServer(m);
  const run = await withinMs(
    hookql(['exec', '--timeout', '60', sql(server.url)], { env: { DATABRICKS_TOKEN: 'dapi-hostile', HOOKQL_HOME: tempHome(), ...env } }),
    90_000,
    m.kind,
  );
  figures.add('misbehaviours played');
  figures.add('requests the client sent', server.requests.length);
  if (run.code === 1) figures.add('loud failures (exit 1)');
  return run;
}

const select = (ws: string) => `SELECT id, events FROM ${TABLE} WHERE workspace = '${ws}'`;

describe('oversize bodies', () => {
  it('when a server streams a list body forever then the read stops at the 64 MiB cap with exit 1, memory bounded', async () => {
    const rssBefore = process.memoryUsage().rss;
    const run = await against({ kind: 'endless-body' }, select);
    const grewMb = (process.memoryUsage().rss - rssBefore) / 2 ** 20;
    figures.add('MiB sent by the endless server', Math.round((server?.bytesSent ?? 0) / 2 ** 20));
    figures.add('RSS growth while reading it (MiB)', Math.max(0, Math.round(grewMb)));
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('RESPONSE_TOO_LARGE');
    expect(run.stderr).toContain(`on workspace '${server?.url}'`);
    expect(run.stderr).toContain('larger than the limit of 64 MiB');
    expect(run.stderr).toContain('HOOKQL_MAX_RESPONSE_MB');
    // The cap, plus what was in flight when the client hung up; not the server's whole output.
    expect(grewMb).toBeLessThan(400);
  });

  it('when HOOKQL_MAX_RESPONSE_MB=1 then the limit is 1 MiB', async () => {
    const run = await against({ kind: 'endless-body' }, select, { HOOKQL_MAX_RESPONSE_MB: '1' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('larger than the limit of 1 MiB');
  });

  it('when a server announces a 300 MB body then the client refuses it before reading', async () => {
    const run = await against({ kind: 'declared-length', bytes: 300_000_000 }, select);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('RESPONSE_TOO_LARGE');
  });

  it('when HOOKQL_MAX_RESPONSE_MB is not a number then it is a config error, nothing sent', async () => {
    const run = await against({ kind: 'endless-body' }, select, { HOOKQL_MAX_RESPONSE_MB: 'lots' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('HOOKQL_MAX_RESPONSE_MB must be a whole number');
    expect(server?.requests).toEqual([]);
  });
});

describe('wrong-shaped 200 responses', () => {
  const cases: { name: string; text: string; path: string }[] = [
    { name: 'a string where the rows should be', text: '{"webhooks":"oops"}', path: '$.webhooks: expected array, got string' },
    { name: 'numbers as rows', text: '{"webhooks":[1,2,3]}', path: '$.webhooks[0]: expected object, got number' },
    { name: 'nulls as rows', text: '{"webhooks":[null,null]}', path: '$.webhooks[0]: expected object, got null' },
    { name: 'a top-level array', text: '[{"id":"a"}]', path: '$: expected object, got array' },
    { name: 'a bare string', text: '"hello"', path: '$: expected object, got string' },
    { name: 'a field of the wrong type', text: '{"webhooks":[{"id":"a","events":"oops"}]}', path: '$.webhooks[0].events: expected array, got string' },
    { name: 'a nested property of the wrong type', text: '{"webhooks":[{"id":"a","http_url_spec":{"url":{}}}]}', path: '$.webhooks[0].http_url_spec.url: expected string, got object' },
    { name: 'an array item of the wrong type', text: '{"webhooks":[{"id":"a","events":[{}]}]}', path: '$.webhooks[0].events[0]: expected string, got object' },
    { name: 'a page token that is an object', text: '{"webhooks":[],"next_page_token":{}}', path: '$.next_page_token: expected string, got object' },
  ];
  it.each(cases)('when a list answers 200 with $name then exit 1 names the path', async (c) => {
    const run = await against({ kind: 'body', text: c.text }, select);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('INVALID_RESPONSE');
    expect(run.stderr).toContain(c.path);
  });

  it('when a 200 carries a Databricks error envelope then it is that API error, exit 1', async () => {
    const run = await against({ kind: 'body', text: '{"error_code":"PERMISSION_DENIED","message":"no access"}' }, select);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('HTTP 200 PERMISSION_DENIED: no access');
  });

  it('when a create is answered {} then exit 1 says the created row was not returned, no NULL id', async () => {
    const insert = (ws: string) =>
      `INSERT INTO ${TABLE} (workspace, model_name, events, http_url_spec) VALUES ('${ws}', 'm', '["MODEL_VERSION_CREATED"]', '{"url":"https://example.com/h"}') RETURNING id`;
    const run = await against({ kind: 'create-answers', text: '{}' }, insert);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('$.webhook: missing; the created row was not returned');
    expect(run.stderr).toContain('may have been applied');
  });

  it('when a create is answered with a row without id then exit 1', async () => {
    const insert = (ws: string) =>
      `INSERT INTO ${TABLE} (workspace, model_name, events, http_url_spec) VALUES ('${ws}', 'm', '["MODEL_VERSION_CREATED"]', '{"url":"https://example.com/h"}')`;
    const run = await against({ kind: 'create-answers', text: '{"webhook":{"model_name":"m"}}' }, insert);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('$.webhook.id: missing');
  });

  it('when a list answers an empty object then it is zero rows, not an error (keys are omitted when empty)', async () => {
    const run = await against({ kind: 'body', text: '{}' }, (ws) => `SELECT count(*) AS n FROM ${TABLE} WHERE workspace = '${ws}'`);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('0');
  });
});

describe('endless pagination', () => {
  it('when every page hands out a fresh token then the listing stops at HOOKQL_MAX_PAGES with exit 1, not a partial result', async () => {
    const run = await against({ kind: 'endless-pages' }, select, { HOOKQL_MAX_PAGES: '200' });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('TOO_MANY_PAGES');
    expect(run.stderr).toContain('past 200 pages');
    expect(server?.requests.length).toBe(200);
  });

  it('when pages never end and no limit is set then the default of 10,000 pages stops it', async () => {
    const run = await against({ kind: 'endless-pages' }, (ws) => `SELECT count(*) FROM ${TABLE} WHERE workspace = '${ws}'`);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('past 10,000 pages');
    expect(server?.requests.length).toBe(10_000);
  });
});
