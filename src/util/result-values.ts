// Values of a StatementResult as a front end shows them: JSON-typed cells as JSON values, booleans
// as booleans, and the types of computed columns (count(*), 1 + 1), which SQLite does not declare,
// read from the values themselves. Shared by the CLI's json output, serve and mcp.

import type { CellValue, ColumnType, ResultColumn, StatementResult } from '../result.js';

/** A row as an object; JSON-typed columns become JSON values, not strings. */
export function rowObject(columns: readonly ResultColumn[], row: readonly CellValue[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  columns.forEach((c, i) => {
    out[c.name] = cellValue(c, row[i]);
  });
  return out;
}

export function cellValue(column: ResultColumn, v: CellValue): unknown {
  if (v === null) return null;
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (column.type === 'json' && typeof v === 'string') {
    try {
      return JSON.parse(v);
    } catch {
      return v; // a json-typed column holding plain text (e.g. a user expression): keep it as text
    }
  }
  if (column.type === 'boolean' && typeof v === 'number') return v !== 0;
  return v;
}

/**
 * The result's columns with a type for every one: a `text` column whose values are all numbers is
 * an expression SQLite could not type (`count(*)`), so it is `integer` or `real`.
 */
export function typedColumns(result: Pick<StatementResult, 'columns' | 'rows'>): ResultColumn[] {
  return result.columns.map((c, i) => (c.type === 'text' ? { name: c.name, type: valuesType(result.rows.map((r) => r[i])) } : c));
}

function valuesType(values: readonly CellValue[]): ColumnType {
  const present = values.filter((v) => v !== null);
  if (present.length === 0 || present.some((v) => typeof v === 'string')) return 'text';
  return present.every((v) => typeof v === 'bigint' || Number.isInteger(v)) ? 'integer' : 'real';
}
