// Predicate slots become local checks; the check of `col IN (SELECT …)` brings the subquery's own
// slots, which are filled in turn, however deep they nest, in any SQL of the plan (main or feed).
import { describe, expect, it } from 'vitest';
import { fillSlots, fillSql } from '../../src/materialize/fill-slots.js';
import type { QueryPlan, ScanPlan } from '../../src/plan/types.js';

const scan = (table: string, qualifier: string, slots: ScanPlan['slots']): ScanPlan => ({
  table, qualifier, resource: 'p.s.r', columns: [], referenced: null, requests: [], slots, dependent: null,
});

const plan: QueryPlan = {
  kind: 'query',
  text: '',
  bindings: { b0: 'kept' },
  sql: 'SELECT * FROM "t0" AS "o" WHERE "__hookql_pred_0" AND x = :b0',
  scans: [
    scan('t0', 'o', { __hookql_pred_0: { kind: 'in-select', column: 'ws', match: 'equals', sql: 'SELECT url FROM "t1" WHERE "__hookql_pred_1"' } }),
    scan('t1', 't1', {
      __hookql_pred_1: { kind: 'in-select', column: 'tags', match: 'any-of', sql: 'SELECT tag FROM "t2" WHERE "__hookql_pred_2"' },
    }),
    scan('t2', 't2', { __hookql_pred_2: { kind: 'equals', column: 'state', values: ['UP'] } }),
  ],
};

describe('filling slots', () => {
  it('fills a subquery’s slots inside the check that brought them, as deep as they nest', () => {
    expect(fillSlots(plan)).toEqual({
      sql:
        'SELECT * FROM "t0" AS "o" WHERE ("o"."ws" IN (SELECT url FROM "t1" WHERE ' +
        '(EXISTS (SELECT 1 FROM json_each("t1"."tags") WHERE value IN (SELECT tag FROM "t2" WHERE ("t2"."state" = :s0))))))' +
        ' AND x = :b0',
      bindings: { b0: 'kept', s0: 'UP' },
    });
  });

  it('fills any SQL of the plan, such as a feed’s, and leaves unknown identifiers alone', () => {
    expect(fillSql('SELECT DISTINCT "t2"."state" FROM "t2" WHERE "__hookql_pred_2" AND "__hookql_pred_9"', plan).sql).toBe(
      'SELECT DISTINCT "t2"."state" FROM "t2" WHERE ("t2"."state" = :s0) AND "__hookql_pred_9"',
    );
  });
});
