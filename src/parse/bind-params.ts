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
    out += token.kind === 'code' ? piece.replace(PARAM, (_, n: string) => literal(params, Number(n))) : piece;
  }
  return out;
}

function literal(params: readonly ParamValue[], n: number): string {
  if (n < 1 || n > params.length) {
    throw new InvalidValueError(`no value for parameter $${n} (${params.length} given)`, { hint: 'bind one value per $n placeholder' });
  }
  const v = params[n - 1];
  if (v === null) return 'NULL';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : `'${String(v)}'`;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return `'${v.replaceAll("'", "''")}'`;
}
