// Top-level AND conjuncts of a block's WHERE of the form col = literal / col IN (literals) are
// handed to plan/ as predicates, each replaced in the SQL by a slot; everything else stays SQL.
import { describe, expect, test } from 'vitest';
import { parseStatement } from '../../src/parse/index.js';
import type { SelectStatement } from '../../src/parse/index.js';
import { runSelect } from './scratch-db.js';

const R = 'databricks_workspace.ml.model_registry_webhooks';
const select = (text: string) => parseStatement(text, {}) as SelectStatement;
/** [column, op, values] of each scan's predicates. */
const found = (s: SelectStatement) => s.scans.map((scan) => scan.predicates.map((p) => [p.column, p.op, p.values]));

describe('extracted', () => {
  test.each([
    ["col = 'text'", `WHERE workspace = 'w'`, [['workspace', '=', ['w']]]],
    ["'text' = col (reversed)", `WHERE 'w' = workspace`, [['workspace', '=', ['w']]]],
    ['col = number', `WHERE max_results = 10`, [['max_results', '=', [10]]]],
    ['col = negative or decimal number', `WHERE a = -5 AND b = 1.5`, [['a', '=', [-5]], ['b', '=', [1.5]]]],
    ['col = TRUE', `WHERE enabled = TRUE`, [['enabled', '=', [true]]]],
    ["col IN ('a', 'b')", `WHERE id IN ('a', 'b')`, [['id', 'in', ['a', 'b']]]],
    ['a one-value IN list', `WHERE id IN ('a')`, [['id', 'in', ['a']]]],
    ['qualified with the scan alias', `w WHERE w.workspace = 'x'`, [['workspace', '=', ['x']]]],
    ['upper-case column names, lower-cased', `WHERE WorkSpace = 'x'`, [['workspace', '=', ['x']]]],
    ['AND inside parentheses is still a conjunction', `WHERE (workspace = 'a' AND id = 'b') AND status > 'c'`, [['workspace', '=', ['a']], ['id', '=', ['b']]]],
    ['next to json_each, a name that is not one of its columns', `, json_each(events) e WHERE workspace = 'x' AND e.value = 'Y'`, [['workspace', '=', ['x']]]],
  ])('%s', (_, where, predicates) => {
    const s = select(`SELECT 1 FROM ${R} ${where}`);
    expect(found(s)).toEqual([predicates]);
    expect(s.scans[0].predicates.map((p) => p.slot)).toEqual(predicates.map((_, i) => `__hookql_pred_${i}`));
    expect(s.sql).toContain('"__hookql_pred_0"');
    runSelect(s);
  });

  test('the SQL keeps everything else around the slots', () => {
    const s = select(`SELECT id FROM ${R} WHERE workspace = 'w' AND (status = 'A' OR id = 'b') AND model_name IN ('m')`);
    expect(s.sql).toBe('SELECT id FROM "__hookql_scan_0" WHERE "__hookql_pred_0" AND (status = :b1 OR id = :b2) AND "__hookql_pred_1"');
    expect(s.bindings).toEqual({ b1: 'A', b2: 'b' });
  });

  test('slots are numbered across the whole statement; each block gives its own scan its predicates', () => {
    const s = select(
      `WITH c AS (SELECT id FROM ${R} WHERE workspace = 'one') ` +
        `SELECT id FROM ${R} WHERE workspace = 'two' AND id IN (SELECT id FROM c) AND id IN (SELECT id FROM ${R} WHERE status = 'ACTIVE')`,
    );
    expect(s.scans.map((scan) => scan.predicates.map((p) => [p.column, p.values[0], p.slot]))).toEqual([
      [['workspace', 'one', '__hookql_pred_0']],
      // `id IN (SELECT …)` is a slot too; its subquery's own slots come after it.
      [['workspace', 'two', '__hookql_pred_1'], ['id', undefined, '__hookql_pred_2'], ['id', undefined, '__hookql_pred_3']],
      [['status', 'ACTIVE', '__hookql_pred_4']],
    ]);
    expect(s.scans[1].predicates.map((p) => p.subquery)).toEqual([undefined, 'SELECT id FROM "c"', 'SELECT id FROM "__hookql_scan_2" WHERE "__hookql_pred_4"']);
    runSelect(s);
  });
});

describe('not extracted (left in the SQL, evaluated by SQLite)', () => {
  test.each([
    ['inside OR', `WHERE workspace = 'a' OR workspace = 'b'`],
    ['under NOT', `WHERE NOT workspace = 'a'`],
    ['NOT IN', `WHERE id NOT IN ('a')`],
    ['another comparison operator', `WHERE creation_timestamp > 5 AND id <> 'x' AND id LIKE 'a%'`],
    ['two columns', `WHERE id = model_name`],
    ['= NULL', `WHERE id = NULL`],
    ['an expression on either side', `WHERE upper(id) = 'A' AND id = lower('A')`],
    ['an IN list holding an expression', `WHERE id IN ('a', upper('b'))`],
    ['a column of json_each', `, json_each(events) e WHERE value = 'X' AND e.key = 0`],
  ])('%s', (_, where) => {
    const s = select(`SELECT 1 FROM ${R} ${where}`);
    expect(s.scans).toHaveLength(1);
    expect(s.sql).not.toContain('__hookql_pred_');
    runSelect(s);
  });

  test('an unqualified column in a block with two scans (SQLite then reports it as ambiguous)', () => {
    const s = select(`SELECT 1 FROM ${R} a, ${R} b WHERE workspace = 'x'`);
    expect(found(s)).toEqual([[], []]);
    expect(s.sql).toContain('WHERE workspace = :b0');
  });

  test('a column qualified with an alias of the other scan goes to that scan', () => {
    const s = select(`SELECT 1 FROM ${R} a, ${R} b WHERE b.workspace = 'x' AND a.id = 'y'`);
    expect(found(s)).toEqual([[['id', '=', ['y']]], [['workspace', '=', ['x']]]]);
  });

  test('a correlated reference to the outer block is not a predicate of the inner scan', () => {
    const s = select(`SELECT 1 FROM ${R} o WHERE EXISTS (SELECT 1 FROM ${R} i WHERE o.workspace = 'x')`);
    expect(found(s)).toEqual([[], []]);
  });
});
