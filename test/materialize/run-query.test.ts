import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/errors.js';
import type { Executor, ResponsePage } from '../../src/execute/types.js';
import { openScratchDb, runQuery } from '../../src/materialize/index.js';
import type { ApiRequest, QueryPlan, ScanPlan } from '../../src/plan/types.js';

const request = (workspace: string): ApiRequest => ({
  kind: 'api-request', resource: 'p.s.r', method: 'list', workspace, httpMethod: 'GET', path: '/list', query: [], body: null,
  pagination: null, objectKey: '$.items', alternativeKeys: [], existenceCheck: null,
  retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1, retryOn: [], retryNetworkErrors: false, mode: 'safe', notFoundAfterRetryIsSuccess: false },
});

/** An executor whose pages come from a table per workspace; a workspace named 'broken' fails. */
function fakeExecutor(data: Record<string, unknown[][]>): Executor & { seen: string[] } {
  const seen: string[] = [];
  return {
    seen,
    stats: { requests: 0, retries: 0, pages: 0 },
    async *pages(r: ApiRequest): AsyncIterable<ResponsePage> {
      seen.push(r.workspace);
      if (r.workspace === 'broken') {
        throw new ApiError({ status: 403, errorCode: 'PERMISSION_DENIED', apiMessage: 'no', httpMethod: 'GET', path: '/list', workspace: 'broken' });
      }
      for (const items of data[r.workspace] ?? []) yield { workspace: r.workspace, items };
    },
    call: async () => ({}),
    close: async () => {},
  };
}

const scan = (workspaces: string[], slots: ScanPlan['slots'] = {}, referenced: string[] | null = null): ScanPlan => ({
  table: '__hookql_scan_0',
  qualifier: 'w',
  resource: 'p.s.r',
  columns: [
    { name: 'id', type: 'text', source: 'field' },
    { name: 'events', type: 'json', source: 'field' },
    { name: 'spec', type: 'json', source: 'field' },
    { name: 'workspace', type: 'text', source: 'server' },
  ],
  referenced,
  requests: workspaces.map(request),
  slots,
  dependent: null,
});

const data = {
  a: [[{ id: '1', events: ['X', 'Y'], spec: { url: 'https://a' } }], [{ id: '2', events: ['Z'] }]],
  b: [[{ id: '3', events: ['Y'], spec: { url: "https://b/it's" } }]],
};
const db = openScratchDb();

describe('running a query over scratch tables', () => {
  it('unions pages from every workspace, keeps each row’s workspace, and runs the SQL locally', async () => {
    const plan: QueryPlan = {
      kind: 'query', text: '', scans: [scan(['a', 'b'])], bindings: {},
      sql: 'SELECT w.workspace, w.id, json_extract(w.spec, \'$.url\') AS url FROM "__hookql_scan_0" AS w ORDER BY w.id',
    };
    const out = await runQuery(plan, { db, executor: fakeExecutor(data), concurrency: 2 });
    expect(out.rows).toEqual([
      ['a', '1', 'https://a'],
      ['a', '2', null],
      ['b', '3', "https://b/it's"],
    ]);
    expect(out.fetched).toBe(3);
  });

  it('fills predicate slots with bound local checks (any-of on arrays)', async () => {
    const plan: QueryPlan = {
      kind: 'query', text: '', bindings: {},
      scans: [scan(['a', 'b'], { __hookql_pred_0: { kind: 'any-of', column: 'events', values: ['Y'] }, __hookql_pred_1: { kind: 'true' } })],
      sql: 'SELECT id, events FROM "__hookql_scan_0" AS w WHERE "__hookql_pred_0" AND "__hookql_pred_1" ORDER BY id',
    };
    const out = await runQuery(plan, { db, executor: fakeExecutor(data), concurrency: 2 });
    expect(out.rows).toEqual([['1', '["X","Y"]'], ['3', '["Y"]']]);
    expect(out.columns).toEqual([{ name: 'id', type: 'text' }, { name: 'events', type: 'json' }]);
  });

  it('reports an unknown column before sending any request', async () => {
    const executor = fakeExecutor(data);
    const plan: QueryPlan = { kind: 'query', text: '', scans: [scan(['a'])], bindings: {}, sql: 'SELECT modle FROM "__hookql_scan_0" AS w' };
    await expect(runQuery(plan, { db, executor, concurrency: 1 })).rejects.toMatchObject({ code: 'UNKNOWN_COLUMN' });
    expect(executor.seen).toEqual([]);
  });

  it('fails the whole query when one workspace fails, never returning a partial table', async () => {
    const plan: QueryPlan = { kind: 'query', text: '', scans: [scan(['a', 'broken'])], bindings: {}, sql: 'SELECT count(*) FROM "__hookql_scan_0" AS w' };
    const err = await runQuery(plan, { db, executor: fakeExecutor(data), concurrency: 2 }).catch((e: unknown) => e as Error);
    // Every failed workspace is named with its own error; the healthy one's rows are not returned.
    expect(err).toMatchObject({ code: 'WORKSPACES_FAILED', exitCode: 1 });
    expect((err as Error).message).toMatch(/^1 of 2 workspaces failed:\n {2}broken: \[API_403\] /);
  });

  it('drops its scratch tables afterwards, even after a failure', async () => {
    const plan: QueryPlan = { kind: 'query', text: '', scans: [scan(['a'])], bindings: {}, sql: 'SELECT 1 FROM "__hookql_scan_0" AS w' };
    await runQuery(plan, { db, executor: fakeExecutor(data), concurrency: 1 });
    expect(db.prepare("SELECT count(*) FROM temp.sqlite_master WHERE name LIKE '__hookql%'").raw(true).all()).toEqual([[0]]);
  });
});

describe('storing only the referenced columns', () => {
  it('gives the same rows when the parser saw every column it needs', async () => {
    const plan: QueryPlan = { kind: 'query', text: '', scans: [scan(['a', 'b'], {}, ['id'])], bindings: {}, sql: 'SELECT id FROM "__hookql_scan_0" AS w ORDER BY id' };
    expect((await runQuery(plan, { db, executor: fakeExecutor(data), concurrency: 1 })).rows).toEqual([['1'], ['2'], ['3']]);
  });

  it('falls back to every column when the SQL needs one the parser missed', async () => {
    const plan: QueryPlan = {
      kind: 'query', text: '', scans: [scan(['a'], {}, ['id'])], bindings: {},
      sql: 'SELECT id, json_extract(spec, \'$.url\') AS url FROM "__hookql_scan_0" AS w ORDER BY id',
    };
    const out = await runQuery(plan, { db, executor: fakeExecutor(data), concurrency: 1 });
    expect(out.rows).toEqual([['1', 'https://a'], ['2', null]]);
  });

  it('still reports a column that exists nowhere', async () => {
    const plan: QueryPlan = { kind: 'query', text: '', scans: [scan(['a'], {}, ['id'])], bindings: {}, sql: 'SELECT nope FROM "__hookql_scan_0" AS w' };
    await expect(runQuery(plan, { db, executor: fakeExecutor(data), concurrency: 1 })).rejects.toMatchObject({ code: 'UNKNOWN_COLUMN' });
  });
});
