// hookql's column types as PostgreSQL sees them: the type OIDs clients use to parse values
// (node-postgres, psycopg and JDBC turn int8 into numbers, bool into booleans, json into objects),
// and each value in PostgreSQL's text format.

import type { CellValue, ColumnType } from '../result.js';
import type { WireField } from './wire-writer.js';

export interface PgType {
  readonly oid: number;
  readonly name: string;
  readonly size: number;
}

export const PG_TYPES = {
  text: { oid: 25, name: 'text', size: -1 },
  integer: { oid: 20, name: 'bigint', size: 8 },
  real: { oid: 701, name: 'double precision', size: 8 },
  boolean: { oid: 16, name: 'boolean', size: 1 },
  // json, not jsonb: the text goes out exactly as the API sent it.
  json: { oid: 114, name: 'json', size: -1 },
  // A time in epoch milliseconds (format: epoch-ms) goes out as the number the API sent, like JSON/CSV.
  'epoch-ms': { oid: 20, name: 'bigint', size: 8 },
} as const satisfies Record<ColumnType, PgType>;

export function wireField(name: string, type: ColumnType): WireField {
  return { name: pgColumnName(name), typeOid: PG_TYPES[type].oid, typeSize: PG_TYPES[type].size };
}

/** A value in text format: booleans as t / f (SQLite keeps them as 0 / 1), JSON as its text. */
export function pgText(type: ColumnType, v: CellValue): string | null {
  if (v === null) return null;
  if (type === 'boolean') return v === 0 || v === '0' || v === 'false' || v === 'f' ? 'f' : 't';
  return String(v);
}

/**
 * A result column's name as PostgreSQL gives it: SQLite names an unaliased expression by its text
 * (`count(*)`), PostgreSQL a function call by the function (`count`), which clients index rows by.
 */
export function pgColumnName(name: string): string {
  const call = /^(?:[A-Za-z_]\w*\.)*([A-Za-z_]\w*)\s*\(.*\)$/s.exec(name.trim());
  return call ? call[1].toLowerCase() : name;
}
