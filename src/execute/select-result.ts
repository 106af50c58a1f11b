import { isPlainObject, valueAtPath } from './object-path.js';

/**
 * What `call()` resolves to. Old and new API versions disagree on wrapping (one answers
 * `{status_code, body}`, an older one `{"<key>": {status_code, body}}`), so: objectKey, then each
 * alternative key, then the body itself when it plausibly is the object (a non-empty JSON object).
 */
export function selectCallResult(body: unknown, objectKey: string | null, alternativeKeys: readonly string[]): unknown {
  const keys = objectKey === null ? alternativeKeys : [objectKey, ...alternativeKeys];
  for (const key of keys) {
    const value = valueAtPath(body, key);
    if (value !== undefined) return value;
  }
  if (objectKey === null) return body;
  return isPlainObject(body) && Object.keys(body).length > 0 ? body : null;
}

/** The rows of one page: the array at objectKey; a missing key is an empty page. */
export function selectPageItems(body: unknown, objectKey: string | null): readonly unknown[] {
  const value = objectKey === null ? body : valueAtPath(body, objectKey);
  if (value === undefined || value === null) return [];
  // A lone object where a list was expected is one row, not a failure.
  return Array.isArray(value) ? value : [value];
}
