// The shape of a SELECT's result without sending anything: what a PostgreSQL driver asks for when
// it describes a prepared statement before binding its parameters (asyncpg, pgx). The columns of a
// result come from the resource tables' declared columns and the local SQL, never from the API's
// rows, so the statement's local SQL is run on EMPTY scratch tables: direct column references keep
// their declared types, and aggregates (count(*) over no rows = 0) show theirs. Predicate slots are
// true here: with no rows, which rows they would keep does not matter.

import type { SelectStatement, SqlValue } from '../parse/types.js';
import type { QueryPlan, ScanPlan, ScratchColumn } from '../plan/types.js';
import type { ColumnType, ResultColumn } from '../result.js';
import { typedColumns } from '../util/result-values.js';
import { prepareChecked, runChecked } from './check-sql.js';
import { columnType } from './run-query.js';
import { quoteIdent, type ScratchDb } from './scratch-db.js';
import { createScratchTable, dropScratchTable } from './scratch-table.js';

const SLOT = /"__hookql_pred_\d+"/g;

let describes = 0;

export function describeSelect(db: ScratchDb, select: SelectStatement, columnsOf: (resource: string) => readonly ScratchColumn[]): ResultColumn[] {
  const run = ++describes;
  const scans = select.scans.map((s) => ({ table: `${s.table}_d${run}`, from: s.table, columns: columnsOf(s.resource) }));
  let sql = select.sql.replace(SLOT, '1');
  for (const s of scans) sql = sql.split(quoteIdent(s.from)).join(quoteIdent(s.table));
  // Just enough of a plan for the scratch tables and for check-sql's messages (unknown column …).
  const tables = select.scans.map((s, i): ScanPlan => ({ table: scans[i].table, qualifier: s.alias ?? scans[i].table, resource: s.resource, columns: scans[i].columns, referenced: null, requests: [], slots: {}, dependent: null }));
  const plan: QueryPlan = { kind: 'query', text: select.text, scans: tables, sql, bindings: select.bindings };
  tables.forEach((t) => createScratchTable(db, t));
  try {
    const statement = prepareChecked(db, sql, plan);
    if (!statement.reader) return [];
    const bindings = Object.fromEntries(Object.entries(select.bindings).filter(([k]) => sql.includes(`:${k}`))) as Record<string, SqlValue>;
    const rows = runChecked(() => statement.raw(true).all(bindings) as (string | number | bigint | null)[][]);
    const columns = statement.columns().map((c) => ({ name: c.name, type: columnType(c.type) }));
    return typedColumns({ columns, rows });
  } finally {
    tables.forEach((t) => dropScratchTable(db, t));
  }
}

/**
 * The type of each `$n` as PostgreSQL would infer it from where it stands: after LIMIT / OFFSET an
 * integer, compared with a column (`col = $n`, `$n = col`) that column's type, otherwise null
 * (the caller describes it as text).
 */
export function paramTypes(text: string, count: number, columns: readonly ScratchColumn[]): (ColumnType | null)[] {
  const types = Array<ColumnType | null>(count).fill(null);
  const byName = new Map(columns.map((c) => [c.name.toLowerCase(), c.type]));
  const set = (n: string, type: ColumnType | undefined) => {
    const i = Number(n) - 1;
    if (type !== undefined && i >= 0 && i < count && types[i] === null) types[i] = type;
  };
  for (const m of text.matchAll(/\b(?:LIMIT|OFFSET)\s+\$(\d+)/gi)) set(m[1], 'integer');
  const ident = String.raw`(?:[A-Za-z_]\w*\.)*"?([A-Za-z_]\w*)"?`;
  for (const m of text.matchAll(new RegExp(`${ident}\\s*(?:=|<>|!=|<=|>=|<|>)\\s*\\$(\\d+)`, 'g'))) set(m[2], byName.get(m[1].toLowerCase()));
  for (const m of text.matchAll(new RegExp(`\\$(\\d+)\\s*(?:=|<>|!=|<=|>=|<|>)\\s*${ident}`, 'g'))) set(m[1], byName.get(m[2].toLowerCase()));
  return types;
}
