// Joins: conjuncts of ON are attributed like WHERE's (a LEFT JOIN's only to the joined table),
// column-to-column conjuncts between two scans are recorded as links (what may feed a required
// input), and `col IN (SELECT …)` becomes a slot carrying its subquery's SQL.
import { describe, expect, test } from 'vitest';
import { parseStatement, type SelectStatement } from '../../src/parse/index.js';
import { runSelect } from './scratch-db.js';

const R = 'databricks_workspace.ml.model_registry_webhooks';
const select = (text: string) => parseStatement(text, {}) as SelectStatement;
const found = (s: SelectStatement) => s.scans.map((scan) => scan.predicates.map((p) => `${p.column} ${p.op} ${p.values.join(',')}`));
const links = (s: SelectStatement) => s.links.map((l) => `${l.left.table}.${l.left.column} = ${l.right.table}.${l.right.column} feeds ${l.feeds.join(',')}`);

describe('ON conjuncts and links', () => {
  test.each([
    ['inner JOIN: either side', `SELECT 1 FROM ${R} a JOIN ${R} b ON b.id = a.id AND a.status = 'X' AND b.workspace = 'w'`,
      [['status = X'], ['workspace = w']], ['__hookql_scan_1.id = __hookql_scan_0.id feeds __hookql_scan_1,__hookql_scan_0']],
    ['LEFT JOIN: the joined table only; its links feed only it', `SELECT 1 FROM ${R} a LEFT JOIN ${R} b ON b.id = a.id AND a.status = 'X' AND b.workspace = 'w'`,
      [[], ['workspace = w']], ['__hookql_scan_1.id = __hookql_scan_0.id feeds __hookql_scan_1']],
    ['RIGHT JOIN: nothing is attributed', `SELECT 1 FROM ${R} a RIGHT JOIN ${R} b ON b.id = a.id AND b.workspace = 'w'`,
      [[], []], ['__hookql_scan_1.id = __hookql_scan_0.id feeds ']],
    ['WHERE links feed both sides', `SELECT 1 FROM ${R} a, ${R} b WHERE a.model_name = b.model_name`,
      [[], []], ['__hookql_scan_0.model_name = __hookql_scan_1.model_name feeds __hookql_scan_0,__hookql_scan_1']],
    ['a link under OR is no link', `SELECT 1 FROM ${R} a, ${R} b WHERE a.id = b.id OR a.id = 'x'`, [[], []], []],
    ['a column compared with its own scan is no link', `SELECT 1 FROM ${R} a WHERE a.id = a.model_name`, [[]], []],
  ])('%s', (_, text, predicates, expectedLinks) => {
    const s = select(text);
    expect(found(s)).toEqual(predicates);
    expect(links(s)).toEqual(expectedLinks);
    runSelect(s);
  });

  test('col IN (SELECT …) is a slot of the outer scan; the subquery keeps its own scan and slots', () => {
    const s = select(`SELECT id FROM ${R} WHERE workspace IN (SELECT model_name FROM ${R} WHERE workspace = 'dir' AND status <> 'DOWN')`);
    expect(found(s)).toEqual([['workspace in '], ['workspace = dir']]);
    expect(s.scans[0].predicates[0].subquery).toBe('SELECT model_name FROM "__hookql_scan_1" WHERE "__hookql_pred_1" AND status <> :b1');
    expect(s.sql).toBe('SELECT id FROM "__hookql_scan_0" WHERE "__hookql_pred_0"');
    // The subquery's literals stay bound values, even though its text left the main SQL.
    expect(s.bindings).toEqual({ b1: 'DOWN' });
  });
});
