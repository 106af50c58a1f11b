// node-sql-parser throws a PEG SyntaxError whose message lists every token it expected (hundreds
// of them) and whose object carries that list too: printed uncaught it runs to megabytes. We keep
// only the position, mapped back to the text the user typed, and the word found there.
import { SqlSyntaxError } from '../errors.js';
import type { Position } from './source-text.js';

interface PegSyntaxError {
  readonly location: { readonly start: { readonly offset: number } };
}

function isPegSyntaxError(error: unknown): error is PegSyntaxError {
  const location = (error as { location?: { start?: { offset?: unknown } } } | null)?.location;
  return typeof location?.start?.offset === 'number';
}

/**
 * `locate` maps an offset in the parsed text to a position in the original; `source` is the
 * original text, to quote the word at that position.
 */
export function toSyntaxError(
  error: unknown,
  locate: (offset: number) => Position,
  source: string,
): SqlSyntaxError {
  if (!isPegSyntaxError(error)) {
    // Checks made by the grammar's actions (e.g. "column count doesn't match value count at row 1")
    // throw a plain Error with no position: point at the statement.
    const first = String((error as Error | null)?.message ?? error).split('\n')[0].replace(/^Error:\s*/, '').slice(0, 160);
    const at = locate(0);
    return new SqlSyntaxError(first, at.line, at.column, { hint: 'check the statement' });
  }
  const at = locate(error.location.start.offset);
  const near = wordAt(source, at);
  const message =
    near === ''
      ? 'syntax error at end of statement'
      : near.startsWith("'")
        ? 'syntax error at or near a string literal' // its value may be a secret: not quoted
        : `syntax error at or near "${near}"`;
  return new SqlSyntaxError(message, at.line, at.column, { hint: 'check the SQL just before that position' });
}

function wordAt(source: string, at: Position): string {
  const line = source.split('\n')[at.line - 1] ?? '';
  const rest = line.slice(at.column - 1);
  const word = /^(\w+|'[^']*'?|"[^"]*"?|\S)/.exec(rest)?.[0] ?? '';
  return word.length > 40 ? `${word.slice(0, 40)}…` : word;
}
