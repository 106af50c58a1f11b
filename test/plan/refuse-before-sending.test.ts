// Input the client can judge is refused in plan/, before any request. Each case below was found by
// the fuzz suite (test/reliability/fuzz-suite.test.ts) reaching the API, or echoing a secret.

import { describe, expect, it } from 'vitest';
import { InvalidValueError, UnknownResourceError } from '../../src/errors.js';
import type { InsertStatement, Statement } from '../../src/parse/types.js';
import { planStatement } from '../../src/plan/index.js';
import type { QueryPlan } from '../../src/plan/types.js';
import { pred, registry, RES, select } from './statements.js';

const insert = (row: Record<string, string>): InsertStatement => ({
  kind: 'insert',
  text: 'INSERT …',
  resource: RES,
  columns: Object.keys(row),
  source: { kind: 'select', text: 'VALUES …', sql: 'VALUES (…)', bindings: {}, scans: [] },
  returning: null,
});
const plan = (stmt: Statement, rows: (string | null)[][] = []) => planStatement(stmt, registry, { concurrency: 8, evaluate: () => rows });

describe('when a page size is not a small whole number then SELECT fails before any request', () => {
  it.each<[string, string | number]>([
    ['negative', -1],
    ['zero', '0'],
    ['past 2^53 (it went out as max_results=1e+23)', 99999999999999999999999],
    ['hexadecimal (it went out as 16)', '0x10'],
    ['an exponent', '1e3'],
    ['fractional', '2.5'],
    ['Infinity', 'Infinity'],
  ])('%s', (_name, value) => {
    expect(() => plan(select(pred('workspace', 'w'), pred('max_results', value)))).toThrow(InvalidValueError);
  });

  it('a plain decimal still works', () => {
    const p = plan(select(pred('workspace', 'w'), pred('max_results', ' 50 '))) as QueryPlan;
    expect(p.scans[0].requests[0].query).toEqual([['max_results', '50']]);
  });
});

describe('when a value is only checked locally it is still validated', () => {
  it('an unknown event in an IN list is refused with a suggestion', () => {
    expect(() => plan(select(pred('workspace', 'w'), pred('events', 'COMMENT_CREATED', 'COMMENT_CREATD')))).toThrowError(/did you mean 'COMMENT_CREATED'/);
  });

  it('an IN list of known events is checked locally as any-of their items', () => {
    const events = pred('events', 'COMMENT_CREATED', '["MODEL_VERSION_CREATED","MODEL_VERSION_TAG_SET"]');
    const p = plan(select(pred('workspace', 'w'), events)) as QueryPlan;
    expect(p.scans[0].slots[events.slot]).toEqual({ kind: 'any-of', column: 'events', values: ['COMMENT_CREATED', 'MODEL_VERSION_CREATED', 'MODEL_VERSION_TAG_SET'] });
  });

  it('a value outside a column’s enum is a typo, not an empty result', () => {
    expect(() => plan(select(pred('workspace', 'w'), pred('status', 'active')))).toThrowError(/did you mean 'ACTIVE'/);
  });
});

describe('when JSON text does not parse then the message says where, never what', () => {
  it('the secret after the error point is not quoted', () => {
    const row = { workspace: 'w', events: '["COMMENT_CREATED"]', http_url_spec: '{"url":"https://h","secret":hunter2-secret}' };
    const error = (() => {
      try {
        plan(insert(row), [Object.values(row)]);
      } catch (e) {
        return e as Error;
      }
      throw new Error('expected a failure');
    })();
    expect(error).toBeInstanceOf(InvalidValueError);
    expect(error.message).toBe("invalid value for 'http_url_spec': not valid JSON (unexpected character at character 29)");
    expect(error.message).not.toContain('hunter2');
  });
});

describe('when @@json gives an object where a string belongs', () => {
  it('is refused (it went out as "[object Object]")', () => {
    const exec: Statement = { kind: 'exec', text: 'EXEC …', resource: RES, method: 'test', args: { workspace: 'w' }, json: { id: { nested: 1 } } };
    expect(() => plan(exec)).toThrowError("invalid value for 'id': expected a string, got an object");
  });

  it('a number is still taken as its text', () => {
    const exec: Statement = { kind: 'exec', text: 'EXEC …', resource: RES, method: 'test', args: { workspace: 'w' }, json: { id: 5 } };
    expect(plan(exec)).toMatchObject({ requests: [{ body: { id: '5' } }] });
  });
});

describe('SHOW … IN a scope that names nothing', () => {
  it('is an unknown resource, with a suggestion', () => {
    const show = (scope: string): Statement => ({ kind: 'show', text: 'SHOW …', what: 'methods', in: scope, like: null });
    expect(() => plan(show(`${RES}x`))).toThrowError(/did you mean 'databricks_workspace\.ml\.model_registry_webhooks'/);
    expect(() => plan(show('databricks_workspace.mll'))).toThrow(UnknownResourceError);
    expect(plan(show(RES.toUpperCase()))).toMatchObject({ kind: 'meta', rows: expect.arrayContaining([expect.arrayContaining(['list'])]) });
  });
});
