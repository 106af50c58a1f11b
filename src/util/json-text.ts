// JSON text typed into a statement (objects and arrays travel as JSON strings, as in StackQL). When
// it does not parse, the message says what is wrong and where, but never quotes the text: V8's own
// message does ("Unexpected token 'S', ..."secret":S3cr3t}" is not valid JSON"), and the text may be
// a secret. Shared by parse/ (EXEC's @@json, reported at line:column) and plan/ (JSON column values).

/** `offset`: 0-based index of the first character JSON.parse could not accept. */
export type JsonText =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly reason: string; readonly offset: number };

export function parseJsonText(text: string): JsonText {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const offset = errorOffset(text);
    return { ok: false, reason: `${what(error)} at character ${offset + 1}`, offset };
  }
}

function what(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  if (message.startsWith('Unexpected end of JSON input')) return 'the text ends too early';
  if (message.startsWith('Unterminated string')) return 'a string is not closed';
  return 'unexpected character';
}

/**
 * Where JSON.parse gave up: the longest prefix that is still the start of some valid JSON ends
 * there. Being such a prefix is monotone in the length, so a binary search finds it.
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

/** Parses, or fails only for running out of text. */
function isJsonPrefix(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    const position = /at position (\d+)/.exec(message)?.[1];
    return message.startsWith('Unexpected end of JSON input') || message.startsWith('Unterminated string') || (position !== undefined && Number(position) >= text.length);
  }
}
