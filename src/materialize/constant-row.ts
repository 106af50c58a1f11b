// `SELECT :b0, :b1, …` of bound texts — what an INSERT … SELECT of literals becomes, apply's prepared
// creates among them — evaluates to exactly those texts: SQLite hands a bound text back as it was
// bound. So its one row is read off the bindings, without a SQLite statement per create (bench B4).
// Only where that provably holds: every value a text that UTF-8 stores as is (no lone surrogate,
// which SQLite would turn into U+FFFD) and without NUL; anything else goes to SQLite as before.

import type { SqlValue } from '../parse/types.js';

const SELECT_OF_PARAMS = /^SELECT :[A-Za-z_]\w*(?:, :[A-Za-z_]\w*)*$/;
const SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The row `sql` gives with `bindings`, or null when only SQLite can tell. */
export function constantRow(sql: string, bindings: Readonly<Record<string, SqlValue>>): SqlValue[] | null {
  if (!SELECT_OF_PARAMS.test(sql)) return null;
  const row: SqlValue[] = [];
  for (const param of sql.slice('SELECT '.length).split(', ')) {
    const value = Object.hasOwn(bindings, param.slice(1)) ? bindings[param.slice(1)] : undefined;
    if (typeof value !== 'string' || value.includes('\0') || (SURROGATE.test(value) && LONE_SURROGATE.test(value))) return null;
    row.push(value);
  }
  return row;
}
