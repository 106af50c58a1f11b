// Secrets never reach a log. Request bodies are logged parsed (JSON or form) with every write-only or
// credential field replaced by "***"; a body that does not parse is logged only by its size, since a
// malformed body can still contain a secret.

import { parseJson } from './parse-json.js';

export const REDACTED = '***';

const SECRET_KEYS = new Set(['secret', 'authorization', 'access_token', 'client_secret', 'refresh_token', 'password']);

export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, SECRET_KEYS.has(key.toLowerCase()) ? REDACTED : redact(inner)]),
  );
}

/**
 * The loggable form of a request body: parsed JSON (curl -d sends JSON labelled as a form, so JSON is
 * tried first), else form fields with plain names (the OAuth token request), else just the size.
 */
export function redactBody(text: string, contentType: string | undefined): unknown {
  if (text === '') return null;
  try {
    return redact(parseJson(text));
  } catch {
    // not JSON; fall through
  }
  if (contentType?.startsWith('application/x-www-form-urlencoded')) {
    const fields = [...new URLSearchParams(text)].filter(([key]) => /^[A-Za-z_]{1,40}$/.test(key));
    if (fields.length > 0) return redact(Object.fromEntries(fields));
  }
  return `<${Buffer.byteLength(text)} bytes, not JSON>`;
}

/**
 * The query string as logged: the value of a parameter named like a credential (`client_secret=…`,
 * `access_token=…`, `?token=`) is replaced; everything else stays byte for byte as sent.
 */
export function redactQuery(raw: string): string {
  if (raw === '') return raw;
  return raw
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      let name: string;
      try {
        name = decodeURIComponent(pair.slice(0, eq).replace(/\+/g, ' '));
      } catch {
        name = pair.slice(0, eq);
      }
      return isSecretName(name) ? `${pair.slice(0, eq)}=${REDACTED}` : pair;
    })
    .join('&');
}

/** A page token is not a credential (and tests read it back from the log); every other `…token` is. */
function isSecretName(name: string): boolean {
  if (SECRET_KEYS.has(name.toLowerCase()) || /secret|password|passwd|authorization|api[-_]?key/i.test(name)) return true;
  return /token$/i.test(name) && !/page_token$/i.test(name);
}

export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([key, value]) => [key, key.toLowerCase() === 'authorization' ? REDACTED : value]),
  );
}
