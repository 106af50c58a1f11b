// Every 3-part name, at any depth, becomes a scan of its own scratch table; column references are
// attributed to the scan they belong to.
import { describe, expect, test } from 'vitest';
import { UnknownResourceError } from '../../src/errors.js';
import { parseStatement } from '../../src/parse/index.js';
import type { SelectStatement } from '../../src/parse/index.js';
import { runSelect } from './scratch-db.js';

const R = 'databricks_workspace.ml.model_registry_webhooks';
const select = (text: string) => parseStatement(text, {}) as SelectStatement;

describe('scans', () => {
  test.each([
    ['FROM', `SELECT id FROM ${R}`, 'SELECT id FROM "__hookql_scan_0"'],
    ['FROM with an alias', `SELECT w.id FROM ${R} AS w`, 'SELECT "w".id FROM "__hookql_scan_0" AS "w"'],
    [
      'a self JOIN',
      `SELECT a.id FROM ${R} a JOIN ${R} b ON a.id = b.id`,
      'SELECT "a".id FROM "__hookql_scan_0" AS "a" INNER JOIN "__hookql_scan_1" AS "b" ON "a".id = "b".id',
    ],
    [
      'a subquery in FROM',
      `SELECT q.id FROM (SELECT id FROM ${R}) q`,
      'SELECT "q".id FROM (SELECT id FROM "__hookql_scan_0") AS "q"',
    ],
    [
      'a subquery in WHERE',
      `SELECT id FROM ${R} WHERE id IN (SELECT id FROM ${R})`,
      // `id IN (SELECT …)` is a predicate slot of the outer scan; the subquery is its local check.
      'SELECT id FROM "__hookql_scan_0" WHERE "__hookql_pred_0"',
    ],
    [
      'a CTE',
      `WITH h AS (SELECT id FROM ${R}) SELECT id FROM h`,
      'WITH "h" AS (SELECT id FROM "__hookql_scan_0") SELECT id FROM "h"',
    ],
    [
      'both sides of a UNION',
      `SELECT id FROM ${R} UNION SELECT id FROM ${R}`,
      'SELECT id FROM "__hookql_scan_0" UNION SELECT id FROM "__hookql_scan_1"',
    ],
    [
      'a name written in upper case and quoted parts',
      'SELECT id FROM Databricks_Workspace."ml".MODEL_REGISTRY_WEBHOOKS',
      'SELECT id FROM "__hookql_scan_0"',
    ],
  ])('%s', (_, text, sql) => {
    const s = select(text);
    expect(s.sql).toBe(sql);
    expect(s.scans.every((scan) => scan.resource === R)).toBe(true);
    expect(s.scans.map((scan) => scan.table)).toEqual(s.scans.map((_, i) => `__hookql_scan_${i}`));
    runSelect(s);
  });

  test('a SELECT without a resource has no scans', () => {
    expect(select("SELECT 1, 'x'").scans).toEqual([]);
  });

  test('an unaliased scan keeps working when columns are qualified with its last name part', () => {
    const s = select(`SELECT model_registry_webhooks.id FROM ${R} ORDER BY model_registry_webhooks.status`);
    expect(s.sql).toBe('SELECT "__hookql_scan_0".id FROM "__hookql_scan_0" ORDER BY "__hookql_scan_0".status ASC');
    expect(s.scans[0]).toMatchObject({ alias: null, columns: ['id', 'status'] });
  });

  test('each scan has the line and column of its resource name', () => {
    const s = select(`SELECT id\nFROM ${R} a\nJOIN\n    ${R} b ON a.id = b.id`);
    expect(s.scans.map(({ line, column }) => [line, column])).toEqual([[2, 6], [4, 5]]);
  });

  test.each([
    ['a 1-part name', 'SELECT 1 FROM model_registry_webhooks', "unknown table 'model_registry_webhooks'"],
    ['a 2-part name', 'SELECT 1 FROM ml.model_registry_webhooks', "unknown table 'ml.model_registry_webhooks'"],
  ])('a table that is neither a resource nor a CTE is refused: %s', (_, text, message) => {
    expect(() => select(text)).toThrow(UnknownResourceError);
    expect(() => select(text)).toThrow(message);
  });
});

describe('columns referenced for each scan', () => {
  test.each([
    ['unqualified, in a block with one table', `SELECT id, upper(status) FROM ${R} WHERE description LIKE 'x%' ORDER BY creation_timestamp`, [['id', 'status', 'description', 'creation_timestamp']]],
    ['*', `SELECT * FROM ${R}`, [['*']]],
    ['alias.*', `SELECT w.* FROM ${R} w`, [['*']]],
    ['qualified, across a join', `SELECT a.id, b.status FROM ${R} a JOIN ${R} b ON a.model_name = b.model_name`, [['model_name', 'id'], ['model_name', 'status']]],
    ['unqualified in a join of two scans: not attributed', `SELECT a.id FROM ${R} a, ${R} b WHERE status = 'x'`, [['id'], []]],
    ['json_each columns are the function’s', `SELECT model_name, e.value, key FROM ${R}, json_each(events) e`, [['model_name', 'events']]],
    ['an output alias in ORDER BY is not a column', `SELECT count(*) AS n, status FROM ${R} GROUP BY status ORDER BY n`, [['status']]],
    ['a correlated reference to the outer scan', `SELECT id FROM ${R} o WHERE EXISTS (SELECT 1 FROM ${R} i WHERE i.model_name = o.model_name)`, [['id', 'model_name'], ['model_name']]],
    ['JSON column arguments', `SELECT json_extract(http_url_spec, '$.url'), job_spec ->> 'job_id' FROM ${R}`, [['http_url_spec', 'job_spec']]],
  ])('%s', (_, text, columns) => {
    expect(select(text).scans.map((s) => s.columns)).toEqual(columns);
  });
});
