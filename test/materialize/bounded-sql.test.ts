// Which local SQL runs in-process (one linear pass) and which in the killable child (bounded-sql.ts).
import { describe, expect, it } from 'vitest';
import { isBoundedPass } from '../../src/materialize/bounded-sql.js';

const T = '"__hookql_scan_0_r1"';

describe('isBoundedPass', () => {
  it.each([
    `SELECT count(*) FROM ${T}`,
    `SELECT id, status FROM ${T} WHERE status = :p1 ORDER BY id LIMIT 10`,
    `SELECT status, count(*) FROM ${T} GROUP BY status HAVING count(*) > 1`,
    `SELECT json_extract(events, '$[0]') FROM ${T}`,
    "SELECT 'WITH RECURSIVE, JOIN, json_each(' AS text",
    'SELECT "with" FROM t',
    `SELECT count(*) FROM (SELECT workspace, count(*) AS n FROM ${T} GROUP BY workspace) WHERE n = 500`,
    `select count(*) from ( select * from (SELECT id FROM ${T}) )`,
  ])('runs in-process: %s', (sql) => {
    expect(isBoundedPass(sql, { p1: 'ACTIVE' }, 1)).toBe(true);
  });

  it('runs a LIKE in-process against a literal with few wildcards, not against many or a column', () => {
    expect(isBoundedPass(`SELECT id FROM ${T} WHERE id LIKE :p1`, { p1: '%prod%' }, 1)).toBe(true);
    expect(isBoundedPass(`SELECT id FROM ${T} WHERE id LIKE :p1`, { p1: '%a%a%a%a%b' }, 1)).toBe(false);
    expect(isBoundedPass(`SELECT id FROM ${T} WHERE id LIKE description`, {}, 1)).toBe(false);
  });

  it.each([
    'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT count(*) FROM c',
    `WITH w AS (SELECT id FROM ${T}) SELECT count(*) FROM w`,
    `SELECT count(*) FROM ${T} WHERE id IN (SELECT id FROM ${T})`,
    `SELECT count(*) FROM (SELECT id FROM ${T}) WHERE id IN (SELECT id FROM ${T})`,
    `SELECT (SELECT count(*) FROM ${T}) FROM (SELECT 1)`,
    `SELECT count(*) FROM (SELECT id FROM ${T}) a, (SELECT id FROM ${T}) b`,
    `SELECT count(*) FROM (SELECT id FROM ${T}) a JOIN ${T} b ON 1`,
    `SELECT count(*) FROM (SELECT a.id FROM ${T} a, ${T} b)`,
    `SELECT count(*) FROM (SELECT id FROM ${T}) a, pragma_table_info('x')`,
    `SELECT count(*) FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT x FROM c)`,
    `SELECT count(*) FROM ${T} a, ${T} b`,
    `SELECT count(*) FROM ${T} a JOIN ${T} b ON 1`,
    `SELECT count(*) FROM ${T}, json_each(events)`,
    `SELECT sum(1) OVER () FROM ${T}`,
    `SELECT length(randomblob(1000000000)) FROM ${T}`,
    `SELECT printf('%.*c', 1000000000, 'x') FROM ${T}`,
    `SELECT * FROM pragma_table_info('x')`,
    'SELECT 1 UNION SELECT 2',
    'VALUES (1)',
  ])('is isolated: %s', (sql) => {
    expect(isBoundedPass(sql, {}, 1)).toBe(false);
  });

  it('isolates any statement over two resources', () => {
    expect(isBoundedPass(`SELECT count(*) FROM ${T}`, {}, 2)).toBe(false);
  });
});
