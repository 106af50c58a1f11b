import { describe, expect, it } from 'vitest';
import type { Predicate, Statement } from '../../src/parse/types.js';
import { planStatement } from '../../src/plan/index.js';
import type { MutationPlan, QueryPlan } from '../../src/plan/types.js';
import { pred, registry, RES, select } from './statements.js';

const constants = (rows: (string | null)[][]) => (): (string | null)[][] => rows;
const options = { concurrency: 8, evaluate: constants([]) };
const plan = (stmt: Statement, extra: Partial<typeof options> & { defaultWorkspace?: string } = {}) => planStatement(stmt, registry, { ...options, ...extra });

describe('planning a SELECT', () => {
  it('fans out one list request per workspace of an IN list', () => {
    const p = plan(select(pred('workspace', 'prod', 'dev'))) as QueryPlan;
    expect(p.scans[0].requests.map((r) => [r.workspace, r.httpMethod, r.path])).toEqual([
      ['prod', 'GET', '/api/2.0/mlflow/registry-webhooks/list'],
      ['dev', 'GET', '/api/2.0/mlflow/registry-webhooks/list'],
    ]);
  });

  it('pushes events down as a repeated query key and re-checks them locally as any-of', () => {
    const events = pred('events', '["MODEL_VERSION_CREATED","COMMENT_CREATED"]');
    const p = plan(select(pred('workspace', 'prod'), events, pred('model_name', 'churn'))) as QueryPlan;
    expect(p.scans[0].requests[0].query).toEqual([
      ['events', 'MODEL_VERSION_CREATED'],
      ['events', 'COMMENT_CREATED'],
      ['model_name', 'churn'],
    ]);
    expect(p.scans[0].slots[events.slot]).toEqual({ kind: 'any-of', column: 'events', values: ['MODEL_VERSION_CREATED', 'COMMENT_CREATED'] });
  });

  it('treats empty strings from rendered templates as "not given"', () => {
    const token = pred('page_token', '');
    const p = plan(select(pred('workspace', 'prod'), pred('events', ''), pred('max_results', ''), token)) as QueryPlan;
    expect(p.scans[0].requests[0].query).toEqual([]);
    expect(p.scans[0].slots[token.slot]).toEqual({ kind: 'true' });
  });

  it('fails before any request when the workspace is missing, naming it', () => {
    expect(() => plan(select(pred('model_name', 'x')))).toThrowError(/missing required parameter 'workspace'/);
  });

  it('uses the default workspace when the statement has none', () => {
    const p = plan(select(), { defaultWorkspace: 'local' }) as QueryPlan;
    expect(p.scans[0].requests[0].workspace).toBe('local');
  });

  it('rejects an unknown event with a suggestion', () => {
    expect(() => plan(select(pred('workspace', 'w'), pred('events', '["MODEL_VERSION_CRATED"]')))).toThrowError(/MODEL_VERSION_CREATED/);
  });

  it('rejects an unknown column in WHERE with a did-you-mean', () => {
    try {
      plan(select(pred('workspace', 'w'), pred('modle_name', 'x')));
      expect.unreachable();
    } catch (e) {
      expect((e as Error & { hint: string }).hint).toMatch(/did you mean 'model_name'/);
    }
  });
});

const insert = (columns: string[], rows: (string | null)[][], returning: string[] | null = null) =>
  planStatement(
    { kind: 'insert', text: 'INSERT …', resource: RES, columns, source: { kind: 'select', text: '', sql: '', bindings: {}, scans: [] }, returning },
    registry,
    { concurrency: 8, evaluate: constants(rows) },
  ) as MutationPlan;

describe('planning an INSERT', () => {
  const cols = ['events', 'description', 'http_url_spec', 'job_spec', 'model_name', 'status', 'workspace'];
  it('builds one create per row with JSON columns parsed and empty strings left out', () => {
    const p = insert(cols, [['["MODEL_VERSION_CREATED"]', 'd', '{"url":"https://x.example/h","secret":"s3"}', '', 'm', 'ACTIVE', 'prod']], ['webhook']);
    expect(p.requests).toHaveLength(1);
    expect(p.requests[0].body).toEqual({ events: ['MODEL_VERSION_CREATED'], description: 'd', http_url_spec: { url: 'https://x.example/h', secret: 's3' }, model_name: 'm', status: 'ACTIVE' });
    expect(p.returning).toEqual({ kind: 'object', as: 'webhook' });
  });

  it.each([
    ['both specs', ['["MODEL_VERSION_CREATED"]', '', '{"url":"https://a.example"}', '{"job_id":"1","access_token":"t"}', 'm', '', 'w'], /http_url_spec|job_spec/],
    ['a bad status', ['["MODEL_VERSION_CREATED"]', '', '{"url":"https://a.example"}', '', 'm', 'ON', 'w'], /status/],
    ['malformed JSON', ['["MODEL_VERSION_CREATED"]', '', '{"url":', '', 'm', '', 'w'], /not valid JSON/],
    ['no events', ['', '', '{"url":"https://a.example"}', '', 'm', '', 'w'], /missing required parameter 'events'/],
    ['no workspace', ['["MODEL_VERSION_CREATED"]', '', '{"url":"https://a.example"}', '', 'm', '', ''], /missing required parameter 'workspace'/],
  ])('fails before any request on %s', (_name, row, message) => {
    expect(() => insert(cols, [row])).toThrowError(message);
  });
});

describe('planning UPDATE and DELETE', () => {
  const sel = select();
  const update = (set: [string, string][], predicates: Predicate[]) =>
    plan({ kind: 'update', text: 'UPDATE …', resource: RES, set: set.map(([column, value]) => ({ column, value })), predicates, selector: sel, hasResidualWhere: false, whereColumns: predicates.map((p) => p.column), returning: null }) as MutationPlan;

  it('sends a PATCH with only the SET fields and the id', () => {
    const p = update([['status', 'DISABLED'], ['job_spec', '']], [pred('workspace', 'w'), pred('id', 'abc')]);
    expect(p.requests[0]).toMatchObject({ httpMethod: 'PATCH', body: { id: 'abc', status: 'DISABLED' } });
  });

  it('refuses a WHERE that names only the workspace, saying how to mean every row', () => {
    expect(() => update([['status', 'DISABLED']], [pred('workspace', 'w')])).toThrowError(/names only the workspace would change every webhook/);
  });

  it('refuses to change model_name', () => {
    expect(() => update([['model_name', 'other']], [pred('workspace', 'w'), pred('id', 'a')])).toThrowError(/cannot be changed/);
  });

  it('deletes each id of an IN list with the id in the query string', () => {
    const p = plan({ kind: 'delete', text: 'DELETE …', resource: RES, predicates: [pred('workspace', 'w'), pred('id', 'a', 'b')], selector: sel, hasResidualWhere: false, whereColumns: ['workspace', 'id'], returning: null }) as MutationPlan;
    expect(p.requests.map((r) => [r.httpMethod, r.query])).toEqual([
      ['DELETE', [['id', 'a']]],
      ['DELETE', [['id', 'b']]],
    ]);
  });
});

describe('planning EXEC', () => {
  it('takes test inputs from @@json and the workspace from @workspace', () => {
    const p = plan({ kind: 'exec', text: 'EXEC …', resource: RES, method: 'test', args: { workspace: 'w' }, json: { id: 'abc', event: 'MODEL_VERSION_CREATED' } }) as MutationPlan;
    expect(p.requests[0]).toMatchObject({ httpMethod: 'POST', path: '/api/2.0/mlflow/registry-webhooks/test', body: { id: 'abc', event: 'MODEL_VERSION_CREATED' } });
    expect(p.returning).toEqual({ kind: 'response' });
  });

  it('names an unknown argument with a suggestion', () => {
    expect(() => plan({ kind: 'exec', text: 'EXEC …', resource: RES, method: 'delete', args: { workspace: 'w', idd: 'x' }, json: null })).toThrowError(/takes no parameter 'idd'/);
  });
});
