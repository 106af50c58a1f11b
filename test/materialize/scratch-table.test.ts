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
});
