import { describe, expect, test } from 'vitest';
import { SqlSyntaxError, UnknownResourceError, UnsupportedSqlError } from '../../src/errors.js';
import { parseStatement } from '../../src/parse/index.js';
import type { DeleteStatement, InsertStatement, UpdateStatement } from '../../src/parse/index.js';
import { runSelectFiltered, scratchDb } from './scratch-db.js';

const R = 'databricks_workspace.ml.model_registry_webhooks';
const parse = <T>(text: string) => parseStatement(text, {}) as T;

describe('INSERT', () => {
  test('VALUES with several rows becomes one SQLite VALUES statement, rows in order', () => {
    const s = parse<InsertStatement>(`INSERT INTO ${R} (workspace, events, max_n) VALUES ('a', '["X"]', 1), ('b', '["Y"]', NULL)`);
    expect(s).toMatchObject({ kind: 'insert', resource: R, columns: ['workspace', 'events', 'max_n'], returning: null });
    expect(s.source.sql).toBe('VALUES (:b0, :b1, 1), (:b2, :b3, NULL)');
    expect(scratchDb(0).prepare(s.source.sql).raw(true).all(s.source.bindings)).toEqual([['a', '["X"]', 1], ['b', '["Y"]', null]]);
  });

  test('SELECT without a resource gives one row of bound literals', () => {
    const s = parse<InsertStatement>(`INSERT INTO ${R} (workspace, description) SELECT 'w', 'it''s'`);
    expect(s.source.sql).toBe('SELECT :b0, :b1');
    expect(s.source.bindings).toEqual({ b0: 'w', b1: "it's" });
  });

  test('SELECT from the resource itself: a scan, not the INSERT target', () => {
    const s = parse<InsertStatement>(`INSERT INTO ${R} (workspace, model_name, events)\nSELECT 'prod', model_name, events FROM ${R} WHERE workspace = 'local'`);
    expect(s.source.scans).toHaveLength(1);
    expect(s.source.scans[0]).toMatchObject({ line: 2, column: 40, predicates: [{ column: 'workspace', values: ['local'] }] });
    expect(runSelectFiltered(s.source)).toHaveLength(2);
  });

  test.each([
    ['RETURNING webhook', ['webhook']],
    ['RETURNING *', ['*']],
    ['RETURNING id, "Status" , model_name', ['id', 'status', 'model_name']],
    ['returning ID', ['id']],
  ])('%s', (clause, returning) => {
    expect(parse<InsertStatement>(`INSERT INTO ${R} (a) SELECT 'x' ${clause}`).returning).toEqual(returning);
    expect(parse<InsertStatement>(`INSERT INTO ${R} (a) VALUES ('x') ${clause}`).returning).toEqual(returning);
  });

  test.each([
    ['no column list', `INSERT INTO ${R} VALUES ('x')`, UnsupportedSqlError, 'INSERT needs a column list'],
    ['a row with too few values', `INSERT INTO ${R} (a, b) VALUES ('x', 'y'), ('z')`, SqlSyntaxError, "column count doesn't match value count"],
    ['a SELECT with too many values', `INSERT INTO ${R} (a) SELECT 'x', 'y'`, SqlSyntaxError, 'INSERT names 1 column(s) but the SELECT has 2 value(s)'],
    ['DO UPDATE … WHERE', `INSERT INTO ${R} (a) VALUES ('x') ON CONFLICT DO UPDATE SET a = EXCLUDED.a WHERE a = 'y'`, UnsupportedSqlError, 'DO UPDATE … WHERE is not supported'],
    ['DO UPDATE SET an expression', `INSERT INTO ${R} (a) VALUES ('x') ON CONFLICT DO UPDATE SET a = upper(EXCLUDED.a)`, UnsupportedSqlError, 'must be EXCLUDED.<column> or a literal'],
    ['a target that is not a resource', "INSERT INTO things (a) VALUES ('x')", UnknownResourceError, "unknown resource 'things'"],
    ['a RETURNING expression', `INSERT INTO ${R} (a) VALUES ('x') RETURNING upper(a)`, SqlSyntaxError, 'expected , between RETURNING columns'],
  ])('refuses %s', (_, text, type, message) => {
    expect(() => parse(text)).toThrow(type);
    expect(() => parse(text)).toThrow(message);
  });
});

describe('UPDATE', () => {
  test('literal assignments, extractable predicates and a selector for the rows', () => {
    const s = parse<UpdateStatement>(`UPDATE ${R} SET status = 'DISABLED', description = NULL, n = 3 WHERE workspace = 'local' AND id IN ('h1', 'h2')`);
    expect(s).toMatchObject({ kind: 'update', resource: R, hasResidualWhere: false, returning: null });
    expect(s.set).toEqual([
      { column: 'status', value: 'DISABLED' },
      { column: 'description', value: null },
      { column: 'n', value: 3 },
    ]);
    expect(s.predicates.map((p) => [p.column, p.op, p.values])).toEqual([['workspace', '=', ['local']], ['id', 'in', ['h1', 'h2']]]);
    expect(s.selector.scans[0].predicates).toEqual(s.predicates);
    expect(runSelectFiltered(s.selector).map((r) => r.id)).toEqual(['h1', 'h2']);
  });

  test('a WHERE with more than extractable conjuncts has a residual, kept in the selector', () => {
    const s = parse<UpdateStatement>(`UPDATE ${R} AS w SET status = 'ACTIVE' WHERE w.workspace = 'local' AND (status = 'DISABLED' OR description LIKE 'f%') RETURNING *`);
    expect(s.hasResidualWhere).toBe(true);
    expect(s.predicates.map((p) => p.column)).toEqual(['workspace']);
    expect(s.selector.sql).toBe('SELECT * FROM "__hookql_scan_0" AS "w" WHERE "__hookql_pred_0" AND (status = :b2 OR description LIKE :b3)');
    expect(runSelectFiltered(s.selector).map((r) => r.id)).toEqual(['h1', 'h2']);
    expect(s.returning).toEqual(['*']);
  });

  test.each([
    ['an expression in SET', `UPDATE ${R} SET status = upper('x') WHERE id = 'a'`, UnsupportedSqlError, 'SET status = … must be a literal value'],
    ['a column in SET', `UPDATE ${R} SET status = description WHERE id = 'a'`, UnsupportedSqlError, 'SET status = … must be a literal value'],
    ['UPDATE … FROM', `UPDATE ${R} SET status = 'x' FROM ${R} b WHERE id = 'a'`, UnsupportedSqlError, 'UPDATE … FROM'],
    ['an empty RETURNING', `UPDATE ${R} SET a = 'b' WHERE id = 'x' RETURNING`, SqlSyntaxError, 'expected a column name or * after RETURNING at end of statement'],
  ])('refuses %s', (_, text, type, message) => {
    expect(() => parse(text)).toThrow(type);
    expect(() => parse(text)).toThrow(message);
  });
});

describe('DELETE', () => {
  test('predicates, selector and RETURNING', () => {
    const s = parse<DeleteStatement>(`DELETE FROM ${R} WHERE id = 'h2' AND workspace = 'local' RETURNING id`);
    expect(s).toMatchObject({ kind: 'delete', resource: R, hasResidualWhere: false, returning: ['id'] });
    expect(s.predicates.map((p) => [p.column, p.values])).toEqual([['id', ['h2']], ['workspace', ['local']]]);
    expect(runSelectFiltered(s.selector).map((r) => r.id)).toEqual(['h2']);
  });

  test('without WHERE: no predicates and no residual (plan/ decides what that means)', () => {
    const s = parse<DeleteStatement>(`DELETE FROM ${R}`);
    expect(s.predicates).toEqual([]);
    expect(s.hasResidualWhere).toBe(false);
    expect(s.selector.sql).toBe('SELECT * FROM "__hookql_scan_0"');
  });

  test('a subquery over the resource in WHERE is a second scan of the selector', () => {
    const s = parse<DeleteStatement>(`DELETE FROM ${R} WHERE workspace = 'local' AND id IN (SELECT id FROM ${R} WHERE status = 'DISABLED')`);
    expect(s.hasResidualWhere).toBe(true);
    expect(s.selector.scans.map((scan) => scan.predicates.map((p) => p.column))).toEqual([['workspace', 'id'], ['status']]);
    expect(runSelectFiltered(s.selector).map((r) => r.id)).toEqual(['h2']);
  });
});
