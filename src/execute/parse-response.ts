import { STATUS_CODES } from 'node:http';
import { ApiError } from '../errors.js';
import { TRUNCATION_MARK } from '../util/redact.js';
import { isPlainObject } from './object-path.js';
import type { HttpResponse } from './http-transport.js';

export interface RequestLabel {
  readonly method: string;
  /** Without the query string: query values can be user data. */
  readonly path: string;
  readonly workspace: string;
}

/** The JSON of a 2xx response; an empty body is `{}` (deletes answer with nothing). */
export function parseSuccessBody(res: HttpResponse, label: RequestLabel): unknown {
  if (res.text.trim() === '') return {};
  try {
    return JSON.parse(res.text);
  } catch (err) {
    // A 2xx that is not JSON (a proxy's HTML page) must not be read as an empty result.
    throw apiError(res.status, 'INVALID_RESPONSE', 'the response body is not JSON', label, err);
  }
}

/**
 * A non-2xx response as an ApiError. Databricks sends `{error_code, message}`; error_code is a
 * string, or a number on some auth failures (`{"error_code": 403, ...}`); OAuth endpoints send
 * `{error, error_description}`. Anything else (an HTML 502 from a proxy) is named after its status.
 */
export function apiErrorFromResponse(res: HttpResponse, label: RequestLabel, hints: Readonly<Record<string, string>> = {}): ApiError {
  const body = tryParse(res.text);
  const statusText = STATUS_CODES[res.status] ?? 'error';
  const hint = hints[String(res.status)];
  if (!isPlainObject(body)) {
    return apiError(res.status, `HTTP_${res.status}`, `${statusText} (the response body is not JSON)`, label, undefined, hint);
  }
  const code = scalar(body.error_code) ?? scalar(body.error) ?? `HTTP_${res.status}`;
  const message = scalar(body.message) ?? scalar(body.error_description) ?? statusText;
  return apiError(res.status, capText(code, 100), capText(message, MAX_MESSAGE_CHARS), label, undefined, hint);
}

export function apiError(status: number, errorCode: string, apiMessage: string, label: RequestLabel, cause?: unknown, hint?: string): ApiError {
  return new ApiError(
    { status, errorCode, apiMessage, httpMethod: label.method, path: label.path, workspace: label.workspace },
    { cause, hint: hint ?? hintFor(status) },
  );
}

/** An API message is echoed to the user: a few lines at most (a server once sent 50 MB of one). */
export const MAX_MESSAGE_CHARS = 2000;

/** `text` cut to `max` characters, marked so redaction can scrub a secret cut in two (util/redact.ts). */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}${TRUNCATION_MARK}: ${(text.length - max).toLocaleString('en-US')} more characters]`;
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function scalar(v: unknown): string | null {
  if (typeof v === 'string' && v !== '') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

/** One-line hints, by status class (never by message text). */
const HINTS: Readonly<Record<number, string>> = {
  400: 'the API rejected a value; check the statement against DESCRIBE',
  401: 'the credentials were not accepted; check DATABRICKS_TOKEN or the OAuth client',
  403: 'the credentials lack permission here (or the token is invalid)',
  404: 'it does not exist (any more) in this workspace',
  409: 'it conflicts with the current state; re-read and try again',
  429: 'the workspace is throttling requests; try again later',
};

function hintFor(status: number): string {
  return HINTS[status] ?? (status >= 500 ? 'the workspace failed; try again later' : 'the API refused the request');
}
