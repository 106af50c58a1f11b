// One scratch table per resource occurrence, filled page by page (one transaction per page) so a
// large listing is never held in memory as a whole.

import type { ResponsePage } from '../execute/types.js';
import type { ScanPlan, ScratchColumn } from '../plan/types.js';
import { quoteIdent, type ScratchDb } from './scratch-db.js';

/** Declared SQLite types; `JSON` marks columns whose text is JSON (output renders them as values). */
const DECLARED: Record<ScratchColumn['type'], string> = {
  text: 'TEXT',
  integer: 'INTEGER',
  real: 'REAL',
  boolean: 'BOOLEAN',
  json: 'JSON',
  // An integer (NUMERIC affinity keeps it one) whose declared type tells output it is a time.
  'epoch-ms': 'EPOCH_MS',
};

export function createScratchTable(db: ScratchDb, scan: ScanPlan): void {
  const columns = scan.columns.map((c) => `${quoteIdent(c.name)} ${DECLARED[c.type]}`).join(', ');
  db.exec(`CREATE TEMP TABLE ${quoteIdent(scan.table)} (${columns})`);
}

export function dropScratchTable(db: ScratchDb, scan: ScanPlan): void {
  db.exec(`DROP TABLE IF EXISTS temp.${quoteIdent(scan.table)}`);
}

/** The rows one page added (rowids first..last), so a failed workspace's rows can be taken out again. */
export interface RowRange {
  readonly count: number;
  readonly first: number;
  readonly last: number;
}

/** Takes out the rows of the given pages (a workspace that failed after some of its pages). */
export function deleteRows(db: ScratchDb, scan: ScanPlan, ranges: readonly RowRange[]): void {
  const del = db.prepare(`DELETE FROM temp.${quoteIdent(scan.table)} WHERE rowid BETWEEN @first AND @last`);
  for (const r of ranges) if (r.count > 0) del.run({ first: r.first, last: r.last });
}

/**
 * Rows per INSERT statement: a page's rows go in statements of this many (the rest one by one), so
 * a 1,000-row page is 20 calls into SQLite rather than 1,000 (half the CPU of storing a listing of
 * narrow rows: `SELECT count(*)` stores one cell per row). 64 × the widest resource stays far below
 * SQLite's limit on bound values (32,766).
 */
const ROWS_PER_INSERT = 64;

/** Returns a function that inserts one page in a transaction. */
export function pageInserter(db: ScratchDb, scan: ScanPlan): (page: ResponsePage) => RowRange {
  if (scan.columns.length > 0 && scan.columns.every((c) => c.source === 'server')) return sameRowInserter(db, scan);
  const row = `(${scan.columns.map(() => '?').join(', ')})`;
  const table = `temp.${quoteIdent(scan.table)}`;
  const insertOne = db.prepare(`INSERT INTO ${table} VALUES ${row}`);
  let insertMany: ReturnType<ScratchDb['prepare']> | null = null;
  const columns = scan.columns;
  const width = columns.length;
  // The values of ROWS_PER_INSERT rows, row after row: filled in place for each statement (SQLite
  // binds them when it runs), not one array per row then sliced and flattened (garbage per row).
  let many: unknown[] | null = null;
  // One page is one transaction, so its rowids are consecutive even while other workspaces insert
  // (each statement's rows get rowids one after the other too).
  const insertAll = db.transaction((items: readonly unknown[], workspace: string): RowRange => {
    let last = 0;
    let i = 0;
    if (items.length >= ROWS_PER_INSERT) {
      insertMany ??= db.prepare(`INSERT INTO ${table} VALUES ${Array<string>(ROWS_PER_INSERT).fill(row).join(', ')}`);
      many ??= new Array<unknown>(ROWS_PER_INSERT * width);
      for (; i + ROWS_PER_INSERT <= items.length; i += ROWS_PER_INSERT) {
        for (let r = 0; r < ROWS_PER_INSERT; r++) for (let c = 0; c < width; c++) many[r * width + c] = cell(columns[c], items[i + r], workspace);
        last = Number(insertMany.run(many).lastInsertRowid);
      }
    }
    for (; i < items.length; i++) last = Number(insertOne.run(columns.map((c) => cell(c, items[i], workspace))).lastInsertRowid);
    return items.length === 0 ? { count: 0, first: 0, last: 0 } : { count: items.length, first: last - items.length + 1, last };
  });
  return (page) => insertAll(page.items, page.workspace);
}

/**
 * A scan that keeps only server columns (`SELECT count(*) … GROUP BY workspace`: the query reads no
 * field) stores the same row once per item of a page, so the page is one statement that SQLite
 * repeats itself (a recursive CTE counting to the page's length) instead of a bound value per row
 * from JavaScript. The count is all the query can see of the items, and it is exact.
 */
function sameRowInserter(db: ScratchDb, scan: ScanPlan): (page: ResponsePage) => RowRange {
  const values = scan.columns.map(() => '@workspace').join(', ');
  const insert = db.prepare(
    `WITH RECURSIVE n(i) AS (VALUES (1) UNION ALL SELECT i + 1 FROM n WHERE i < @count) INSERT INTO temp.${quoteIdent(scan.table)} SELECT ${values} FROM n`,
  );
  return ({ items, workspace }) => {
    if (items.length === 0) return { count: 0, first: 0, last: 0 };
    // One statement: its rows get consecutive rowids, the page's range.
    const last = Number(insert.run({ count: items.length, workspace }).lastInsertRowid);
    return { count: items.length, first: last - items.length + 1, last };
  };
}

export function cell(column: ScratchColumn, item: unknown, workspace: string): unknown {
  if (column.source === 'server') return workspace;
  const v = item !== null && typeof item === 'object' ? (item as Record<string, unknown>)[column.name] : undefined;
  if (v === undefined || v === null) return null;
  switch (column.type) {
    case 'json':
      return JSON.stringify(v);
    case 'boolean':
      return v === true || v === 'true' ? 1 : 0;
    case 'integer':
    case 'epoch-ms':
    case 'real': {
      const n = typeof v === 'number' ? v : Number(v);
      return Number.isFinite(n) ? n : String(v);
    }
    case 'text':
      return typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
}
