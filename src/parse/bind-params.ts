// `$1`, `$2`… positional parameters, as the PostgreSQL extended protocol (and so psycopg,
// node-postgres, JDBC) sends them. They are bound before parsing, as SQL literals: a string value
// becomes a '…' literal with its quotes doubled (it can never end the literal early), a number or
// boolean is written as is, and null is NULL. Inside literals, quoted identifiers and comments a `$1`
// is text, never a parameter.
import { InvalidValueError } from '../errors.js';
import { lineLocator } from './source-text.js';
import { scanSql } from './scan-sql.js';

export type ParamValue = string | number | boolean | null;

const PARAM = /\$(\d+)/g;

/** `text` with every `$n` replaced by the literal of `params[n - 1]`. */
export function bindParams(text: string, params: readonly ParamValue[]): string {
  if (!text.includes('$')) return text;
  let out = '';
  for (const token of scanSql(text, lineLocator(text))) {
    const piece = text.slice(token.start, token.end);
    out += token.kind === 'code' ? piece.replace(PARAM, (_, n: string, at: number) => literal(params, Number(n), afterLimit(piece.slice(0, at)))) : piece;
  }
  return out;
}

/**
 * Drivers send untyped values as text, and PostgreSQL infers the type from where `$n` stands. The
 * one place a quoted number is not accepted is LIMIT / OFFSET, so there an integer text is a number.
 */
function afterLimit(before: string): boolean {
  return /\b(?:LIMIT|OFFSET)\s*$/i.test(before);
}

function literal(params: readonly ParamValue[], n: number, numeric: boolean): string {
  if (n < 1 || n > params.length) {
    throw new InvalidValueError(`no value for parameter $${n} (${params.length} given)`, { hint: 'bind one value per $n placeholder' });
  }
  const v = params[n - 1];
  if (v === null) return 'NULL';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : `'${String(v)}'`;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (numeric && /^\d+$/.test(v)) return v;
  return `'${v.replaceAll("'", "''")}'`;
}
