// EXEC's `@@json='{…}'`: the literal's value must be a JSON object. A bad one is reported with the
// line and column of the first offending character inside the literal, as typed.
import { InvalidValueError } from '../errors.js';
import type { StatementSource } from './statement-source.js';
import type { TokenCursor } from './token-cursor.js';
import type { LiftedToken } from './tokenize-lifted.js';

export function jsonArgument(cursor: TokenCursor): Record<string, unknown> {
  const token = cursor.next();
  if (token?.kind !== 'string') return cursor.fail("expected a '…' string holding a JSON object after @@json=", token);
  const text = cursor.source.values[Number(token.text)];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw badJson(cursor.source, token, text, errorOffset(text), reasonOf(error));
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badJson(cursor.source, token, text, 0, 'it must be a JSON object ({…})');
  }
  return value as Record<string, unknown>;
}

/**
 * Where JSON.parse gave up. V8 gives no position for some errors ("Unexpected token 'x', "…" is
 * not valid JSON"), so: the longest prefix that is still the start of valid JSON ends there.
 * Being such a prefix is monotone in the length, so a binary search finds it.
 */
function errorOffset(text: string): number {
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (isJsonPrefix(text.slice(0, mid))) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Parses, or fails only for running out of text ("Unexpected end…", or a position at the end). */
function isJsonPrefix(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch (error) {
    const message = String((error as Error).message);
    const position = /at position (\d+)/.exec(message)?.[1];
    return message.startsWith('Unexpected end of JSON input') || (position !== undefined && Number(position) >= text.length);
  }
}

/** V8's message without the part quoting the input (which may hold a secret) or the position. */
function reasonOf(error: unknown): string {
  return String((error as Error).message)
    .replace(/, ".*" is not valid JSON$/s, '')
    .replace(/( in JSON)? at position \d+.*$/s, '');
}

/** Points into the literal as typed: one character of the value is one of the text, `''` is two. */
function badJson(source: StatementSource, token: LiftedToken, text: string, index: number, reason: string): InvalidValueError {
  const quotesBefore = text.slice(0, index).split("'").length - 1;
  const at = source.locateText(source.textOffset(token.start) + 1 + index + quotesBefore);
  return new InvalidValueError(`@@json is not valid JSON: ${reason} (at line ${at.line}, column ${at.column})`, {
    hint: `write @@json='{"name": "value", …}' with double-quoted keys and strings`,
  });
}
