// JSON bodies: depth-limited before parsing (a 1 MiB body can nest ~500k levels, which would blow the
// stack of any recursive walk such as redaction), then parsed and required to be an object.

import { malformedRequest } from './api-error.js';

export const MAX_JSON_DEPTH = 32;

export type JsonObject = Record<string, unknown>;

/** undefined for an empty body; an ApiError (400 MALFORMED_REQUEST) for anything but a JSON object. */
export function parseJsonObject(text: string): JsonObject | undefined {
  const value = parseJson(text);
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw malformedRequest('Invalid JSON given in the body of the request - expected a map.');
  }
  return value as JsonObject;
}

/** undefined for an empty (or all-whitespace) body. */
export function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  if (nestingExceeds(text, MAX_JSON_DEPTH)) {
    throw malformedRequest(`Invalid JSON given in the body of the request - nested deeper than ${MAX_JSON_DEPTH} levels.`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw malformedRequest('Invalid JSON given in the body of the request.');
  }
}

/** A linear scan that counts [ and { outside strings. */
export function nestingExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}
