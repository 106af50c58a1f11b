// Helpers every registry route file shares.

import type { Reply, RequestContext } from '../types.js';
import { parseJsonObject, type JsonObject } from '../wire/parse-json.js';
import { rejectUnknownFields } from '../webhooks/validate-fields.js';

export const MLFLOW = '/api/2.0/mlflow';

export function ok(body: unknown): Reply {
  return { status: 200, body };
}

/** The JSON body ({} when empty), refusing fields the endpoint does not take (400, naming the field). */
export function bodyOf(req: RequestContext, allowed: readonly string[]): JsonObject {
  const body = parseJsonObject(req.text) ?? {};
  rejectUnknownFields(body, allowed);
  return body;
}
