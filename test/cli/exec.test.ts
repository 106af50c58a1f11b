import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { hookql } from '../helpers/run-cli.js';

const RES = 'databricks_workspace.ml.model_registry_webhooks';
let a: RunningEmulator;
let b: RunningEmulator;
let receiver: Server;
let receiverUrl: string;
const env = () => ({ DATABRICKS_TOKEN: 'dev-token', HOOKQL_HOME: mkdtempSync(join(tmpdir(), 'hookql-')) });

async function admin(emulator: RunningEmulator, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${emulator.url}/__emulator/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: 'Bearer dev-token', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.json();
}
const apiRequests = async (e: RunningEmulator) => ((await admin(e, 'requests')) as { requests: { path: string }[] }).requests.filter((r) => !r.path.startsWith('/__emulator')).length;

beforeAll(async () => {
  a = await startEmulator({ port: 0, allowHttpTargets: true });
  b = await startEmulator({ port: 0, allowHttpTargets: true });
  receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(202, { 'content-type': 'text/plain' }).end('got it'));
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
});
afterAll(async () => {
  await a.close();
  await b.close();
  receiver.close();
});
beforeEach(async () => {
  await admin(a, 'reset', {});
  await admin(b, 'reset', {});
});

// StackQL's documentation statements, verbatim (shared with the parse tests).
const stackql = (name: string) => readFileSync(new URL(`../fixtures/stackql/${name}.sql`, import.meta.url), 'utf8');
const STACKQL_INSERT = stackql('insert-create');
const STACKQL_SELECT = stackql('select-list');
const STACKQL_UPDATE = stackql('update-update');
const STACKQL_DELETE = stackql('exec-delete');
const STACKQL_TEST = stackql('exec-test');

const vars = (v: Record<string, string>) => Object.entries(v).flatMap(([k, val]) => ['--var', `${k}=${val}`]);

async function createOne(e: RunningEmulator, extra: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const run = await hookql(['exec', STACKQL_INSERT, '-o', 'json', ...vars({
    events: '["MODEL_VERSION_CREATED","COMMENT_CREATED"]', description: "it's -- a test; \\n ✓", http_url_spec: JSON.stringify({ url: receiverUrl, secret: 'shh-secret' }),
    job_spec: '', model_name: 'churn', status: 'TEST_MODE', workspace: e.url, ...extra,
  })], { env: env() });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return (JSON.parse(run.stdout) as { webhook: Record<string, unknown> }[])[0].webhook;
}

describe('the StackQL documentation statements, unchanged', () => {
  it('INSERT … SELECT … RETURNING webhook creates one and returns the object as JSON', async () => {
    const hook = await createOne(a);
    expect(hook).toMatchObject({ model_name: 'churn', status: 'TEST_MODE', events: ['MODEL_VERSION_CREATED', 'COMMENT_CREATED'], description: "it's -- a test; \\n ✓" });
    expect(hook.id).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(hook)).not.toContain('shh-secret');
  });

  it('SELECT with every optional param empty lists everything', async () => {
    await createOne(a);
    const run = await hookql(['exec', STACKQL_SELECT, '-o', 'json', ...vars({ workspace: a.url, events: '', max_results: '', model_name: '', page_token: '' })], { env: env() });
    expect(run.code).toBe(0);
    const rows = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ model_name: 'churn', http_url_spec: { url: receiverUrl, enable_ssl_verification: true }, job_spec: null });
  });

  it('SELECT with events, max_results and model_name pushes them down', async () => {
    await createOne(a);
    await createOne(a, { events: '["MODEL_VERSION_TAG_SET"]' });
    const run = await hookql(['exec', STACKQL_SELECT, '-o', 'json', ...vars({ workspace: a.url, events: '["COMMENT_CREATED"]', max_results: '1', model_name: 'churn', page_token: '' })], { env: env() });
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as unknown[]).length).toBe(1);
  });

  it('UPDATE … RETURNING webhook changes only the given fields', async () => {
    const hook = await createOne(a);
    const run = await hookql(['exec', STACKQL_UPDATE, '-o', 'json', ...vars({ id: String(hook.id), description: '', events: '', http_url_spec: '', job_spec: '', status: 'ACTIVE', workspace: a.url })], { env: env() });
    expect(run.stderr).toBe('');
    const updated = (JSON.parse(run.stdout) as { webhook: Record<string, unknown> }[])[0].webhook;
    expect(updated).toMatchObject({ id: hook.id, status: 'ACTIVE', description: hook.description, events: hook.events });
  });

  it('EXEC …test delivers to the receiver and returns its status and body', async () => {
    const hook = await createOne(a);
    const run = await hookql(['exec', STACKQL_TEST, '-o', 'json', ...vars({ workspace: a.url, id: String(hook.id), event: 'COMMENT_CREATED' })], { env: env() });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual([{ status_code: 202, body: 'got it' }]);
  });

  it('EXEC …delete deletes, prints a summary on stderr and nothing on stdout', async () => {
    const hook = await createOne(a);
    const run = await hookql(['exec', STACKQL_DELETE, '-o', 'json', ...vars({ id: String(hook.id), workspace: a.url })], { env: env() });
    expect(run).toEqual({ stdout: '', stderr: '1 webhook deleted\n', code: 0 });
    const count = await hookql(['exec', `SELECT count(*) AS n FROM ${RES} WHERE workspace = '${a.url}'`, '-o', 'text'], { env: env() });
    expect(count.stdout).toBe('0\n');
  });
});

describe('reading many', () => {
  it('follows every page', async () => {
    await admin(a, 'seed', { count: 250, model_names: ['m1', 'm2'] });
    const run = await hookql(['exec', `SELECT model_name, count(*) FROM ${RES} WHERE workspace = '${a.url}' AND max_results = 100 GROUP BY model_name ORDER BY 1`, '-o', 'csv'], { env: env() });
    expect(run.stdout).toBe('model_name,count(*)\r\nm1,125\r\nm2,125\r\n');
  });

  it('fans out an IN list of workspaces and keeps each row’s workspace', async () => {
    await createOne(a);
    await createOne(b);
    await createOne(b);
    const run = await hookql(['exec', `SELECT workspace, count(*) AS n FROM ${RES} WHERE workspace IN ('${a.url}', '${b.url}') GROUP BY workspace ORDER BY n`, '-o', 'jsonl'], { env: env() });
    expect(run.stdout).toBe(`{"workspace":"${a.url}","n":1}\n{"workspace":"${b.url}","n":2}\n`);
  });

  it('runs json functions on JSON columns', async () => {
    await createOne(a);
    const run = await hookql(['exec', `SELECT json_extract(http_url_spec, '$.url') AS url, e.value AS event FROM ${RES}, json_each(events) AS e WHERE workspace = '${a.url}' ORDER BY event`, '-o', 'text'], { env: env() });
    expect(run.stdout).toBe(`${receiverUrl}\tCOMMENT_CREATED\n${receiverUrl}\tMODEL_VERSION_CREATED\n`);
  });
});

describe('errors', () => {
  it.each([
    ['a missing workspace', `SELECT id FROM ${RES}`, /MISSING_PARAMETER.*'workspace'/s],
    ['an unknown column', `SELECT id FROM ${RES} WHERE workspace = 'W' AND modle_name = 'x'`, /did you mean 'model_name'/],
    ['an unknown selected column', `SELECT modle_name FROM ${RES} WHERE workspace = 'W'`, /UNKNOWN_COLUMN.*did you mean 'model_name'/s],
    ['a bad enum value', `INSERT INTO ${RES} (workspace, events, http_url_spec) VALUES ('W', '["MODEL_VERSION_CRATED"]', '{"url":"https://x.example"}')`, /INVALID_VALUE.*MODEL_VERSION_CREATED/s],
    ['bad JSON', `INSERT INTO ${RES} (workspace, events, http_url_spec) VALUES ('W', '["COMMENT_CREATED"]', '{"url":')`, /not valid JSON/],
    ['a syntax error', `SELECT id FROM ${RES} WHERE workspace = 'W' AND AND`, /SQL_SYNTAX.*line 1, column \d+/s],
    ['UPDATE of a whole workspace', `UPDATE ${RES} SET status = 'ACTIVE' WHERE workspace = 'W'`, /UNBOUNDED_WRITE.*every webhook.*AND id IS NOT NULL/s],
  ])('%s exits 2 and sends nothing', async (_name, sql, message) => {
    const before = await apiRequests(a);
    const run = await hookql(['exec', sql.replace(/'W'/g, `'${a.url}'`)], { env: env() });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/^hint: /m);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(await apiRequests(a)).toBe(before);
  });

  it('an unknown id is an API error (exit 1), not an empty result', async () => {
    const run = await hookql(['exec', `UPDATE ${RES} SET status = 'ACTIVE' WHERE workspace = '${a.url}' AND id = '0123456789abcdef0123456789abcdef'`], { env: env() });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/error \[API_404\].*RESOURCE_DOES_NOT_EXIST/);
  });

  it('a bad token is an API error (exit 1) and the token is never printed', async () => {
    const run = await hookql(['exec', `SELECT id FROM ${RES} WHERE workspace = '${a.url}'`], { env: { ...env(), DATABRICKS_TOKEN: 'wrong-token-value' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/API_403/);
    expect(run.stderr + run.stdout).not.toContain('wrong-token-value');
  });
});

describe('writes that find their rows first', () => {
  it('UPDATE with extra WHERE conditions changes only the rows that match them', async () => {
    const one = await createOne(a);
    const two = await createOne(a, { status: 'ACTIVE' });
    const run = await hookql(['exec', `UPDATE ${RES} SET description = 'checked' WHERE workspace = '${a.url}' AND id IN ('${one.id}', '${two.id}') AND status = 'TEST_MODE'`], { env: env() });
    expect(run).toMatchObject({ code: 0, stderr: `1 webhook updated:\n  updated ${one.id} (${a.url})\n` });
    const rows = await hookql(['exec', `SELECT id, description FROM ${RES} WHERE workspace = '${a.url}' ORDER BY description`, '-o', 'text'], { env: env() });
    expect(rows.stdout).toBe(`${one.id}\tchecked\n${two.id}\t${String(two.description)}\n`);
  });

  it('INSERT … SELECT from the resource copies webhooks to another workspace', async () => {
    await createOne(a);
    await createOne(a, { model_name: 'fraud' });
    const run = await hookql(['exec', `INSERT INTO ${RES} (workspace, model_name, events, http_url_spec, status)
      SELECT '${b.url}', model_name, events, http_url_spec, status FROM ${RES} WHERE workspace = '${a.url}' ORDER BY model_name
      RETURNING workspace, model_name`, '-o', 'csv'], { env: env() });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(`workspace,model_name\r\n${b.url},churn\r\n${b.url},fraud\r\n`);
  });
});
