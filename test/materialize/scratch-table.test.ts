// Pages are stored a statement of many rows at a time (scratch-table.ts): every row must arrive in
// order with its values, and a page's rowid range must be exactly its rows, so a failed workspace's
// rows can be taken out again without touching another workspace's.

import { describe, expect, it } from 'vitest';
import { openScratchDb } from '../../src/materialize/index.js';
import { createScratchTable, deleteRows, pageInserter } from '../../src/materialize/scratch-table.js';
import type { ScanPlan } from '../../src/plan/types.js';

const scan: ScanPlan = {
  table: '__hookql_scan_0',
  qualifier: 'w',
  resource: 'p.s.r',
  columns: [
    { name: 'id', type: 'text', source: 'field' },
    { name: 'n', type: 'integer', source: 'field' },
    { name: 'spec', type: 'json', source: 'field' },
    { name: 'workspace', type: 'text', source: 'server' },
  ],
  referenced: null,
  requests: [],
  slots: {},
  dependent: null,
};

const items = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => ({ id: `${prefix}-${i}`, n: i, spec: i % 3 === 0 ? null : { i } }));

describe('pageInserter', () => {
  it('stores pages of any length (one row, a few, many statements and a rest) in order, each as its own rowid range', () => {
    const db = openScratchDb();
    createScratchTable(db, scan);
    const insert = pageInserter(db, scan);
    const sizes = [1, 5, 64, 150, 0, 1000];
    const ranges = sizes.map((count, p) => insert({ workspace: `w${p}`, items: items(`p${p}`, count) }));
    expect(ranges.map((r) => r.count)).toEqual(sizes);
    let next = 1;
    for (const r of ranges.filter((x) => x.count > 0)) {
      expect(r).toMatchObject({ first: next, last: next + r.count - 1 });
      next += r.count;
    }
    const rows = db.prepare(`SELECT rowid, id, n, spec, workspace FROM temp.__hookql_scan_0 ORDER BY rowid`).raw(true).all({}) as unknown[][];
    const expected = sizes.flatMap((count, p) => items(`p${p}`, count).map((it) => [it.id, it.n, it.spec === null ? null : JSON.stringify(it.spec), `w${p}`]));
    expect(rows.map((r) => r.slice(1))).toEqual(expected);
    expect(rows.map((r) => r[0])).toEqual(expected.map((_, i) => i + 1));
    db.close();
  });

  it("takes out exactly one page's rows when its workspace fails", () => {
    const db = openScratchDb();
    createScratchTable(db, scan);
    const insert = pageInserter(db, scan);
    const a = insert({ workspace: 'a', items: items('a', 130) });
    const b = insert({ workspace: 'b', items: items('b', 70) });
    const c = insert({ workspace: 'a', items: items('a2', 3) });
    deleteRows(db, scan, [b]);
    const left = db.prepare(`SELECT workspace, count(*) FROM temp.__hookql_scan_0 GROUP BY workspace ORDER BY workspace`).raw(true).all({});
    expect(left).toEqual([['a', a.count + c.count]]);
    db.close();
  });

  it('stores a scan of server columns only (count(*) GROUP BY workspace) as one row per item, with exact rowid ranges', () => {
    const db = openScratchDb();
    const counted: ScanPlan = { ...scan, table: '__hookql_scan_1', columns: [{ name: 'workspace', type: 'text', source: 'server' }] };
    createScratchTable(db, counted);
    const insert = pageInserter(db, counted);
    const sizes = [3, 0, 1000, 1, 64];
    const ranges = sizes.map((count, p) => insert({ workspace: `w${p % 2}`, items: items(`p${p}`, count) }));
    expect(ranges).toEqual([
      { count: 3, first: 1, last: 3 },
      { count: 0, first: 0, last: 0 },
      { count: 1000, first: 4, last: 1003 },
      { count: 1, first: 1004, last: 1004 },
      { count: 64, first: 1005, last: 1068 },
    ]);
    const counts = () => db.prepare(`SELECT workspace, count(*) FROM temp.__hookql_scan_1 GROUP BY workspace ORDER BY workspace`).raw(true).all({});
    expect(counts()).toEqual([['w0', 3 + 1000 + 64], ['w1', 1]]);
    deleteRows(db, counted, [ranges[2]]);
    expect(counts()).toEqual([['w0', 3 + 64], ['w1', 1]]);
    db.close();
  });
});
