// EXEC's `@@json='{…}'`: the literal's value must be a JSON object. A bad one is reported with the
// line and column of the first offending character inside the literal, as typed.
import { InvalidValueError } from '../errors.js';
import { parseJsonText } from '../util/json-text.js';
import type { StatementSource } from './statement-source.js';
import type { TokenCursor } from './token-cursor.js';
import type { LiftedToken } from './tokenize-lifted.js';

export function jsonArgument(cursor: TokenCursor): Record<string, unknown> {
  const token = cursor.next();
  if (token?.kind !== 'string') return cursor.fail("expected a '…' string holding a JSON object after @@json=", token);
  const text = cursor.source.values[Number(token.text)];
  const parsed = parseJsonText(text);
  if (!parsed.ok) throw badJson(cursor.source, token, text, parsed.offset, parsed.reason.replace(/ at character \d+$/, ''));
  const value = parsed.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badJson(cursor.source, token, text, 0, 'it must be a JSON object ({…})');
  }
  return value as Record<string, unknown>;
}

/** Points into the literal as typed: one character of the value is one of the text, `''` is two. */
function badJson(source: StatementSource, token: LiftedToken, text: string, index: number, reason: string): InvalidValueError {
  const quotesBefore = text.slice(0, index).split("'").length - 1;
  const at = source.locateText(source.textOffset(token.start) + 1 + index + quotesBefore);
  return new InvalidValueError(`@@json is not valid JSON: ${reason} (at line ${at.line}, column ${at.column})`, {
    hint: `write @@json='{"name": "value", …}' with double-quoted keys and strings`,
  });
}
