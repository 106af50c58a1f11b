// The Databricks error envelope: {"error_code": "<CODE>", "message": "..."} with the HTTP status the
// SDKs map that code to (GO apierr/error_mapping.go). Handlers throw ApiError; http-server.ts renders it.

import type { Reply } from '../types.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** A string code, or the numeric 403 the real service uses for a bad token. */
    readonly errorCode: string | number,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toReply(): Reply {
    return { status: this.status, body: { error_code: this.errorCode, message: this.message }, headers: this.headers };
  }
}

export function invalidParameter(message: string): ApiError {
  return new ApiError(400, 'INVALID_PARAMETER_VALUE', message);
}

export function malformedRequest(message: string): ApiError {
  return new ApiError(400, 'MALFORMED_REQUEST', message);
}

export function notFound(id: string): ApiError {
  // The exact text of the real message is UNVERIFIED; the code and status are documented.
  return new ApiError(404, 'RESOURCE_DOES_NOT_EXIST', `Webhook with id '${id}' does not exist.`);
}

export function permissionDenied(message: string): ApiError {
  return new ApiError(403, 'PERMISSION_DENIED', message, { 'X-Databricks-Reason-Phrase': message });
}

/** The real service answers a bad PAT with HTTP 403 and a NUMERIC error_code (sdk-go issues #873, #917). */
export function invalidToken(): ApiError {
  const message = 'Invalid access token.';
  return new ApiError(403, 403, message, { 'X-Databricks-Reason-Phrase': message });
}

export function toReply(error: unknown): Reply {
  if (error instanceof ApiError) return error.toReply();
  // Never leak internals (they might echo a secret); the details go nowhere but this generic line.
  return { status: 500, body: { error_code: 'INTERNAL_ERROR', message: 'Internal error in the emulator.' } };
}
