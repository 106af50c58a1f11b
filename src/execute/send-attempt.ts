import { ApiError, AuthError, NetworkError, type HookqlError } from '../errors.js';
import type { ServerDef } from '../definition/types.js';
import type { ApiRequest } from '../plan/types.js';
import type { Authorizer } from './authorizer.js';
import { isRejectedToken } from './authorizer.js';
import { parseRetryAfter } from './backoff.js';
import { buildPath } from './build-path.js';
import type { ResolvedWorkspace } from './credentials.js';
import type { HttpTransport } from './http-transport.js';
import { settledOrStop, untilStopped, type Operation } from './operation.js';
import { checkResponse } from './check-response.js';
import type { ShapeOf } from './executor-options.js';
import { apiError, apiErrorFromResponse, capText, MAX_MESSAGE_CHARS, parseSuccessBody, type RequestLabel } from './parse-response.js';

export type AttemptOutcome =
  | { readonly kind: 'ok'; readonly body: unknown }
  | {
      readonly kind: 'failed';
      readonly error: HookqlError;
      /** null: no HTTP status (network failure, timeout). */
      readonly status: number | null;
      readonly retryAfterMs: number | null;
      /** The request may have been applied although it failed (5xx, timeout, connection lost). */
      readonly ambiguous: boolean;
      /** Set when an OAuth token was rejected: forget it and try once more. */
      readonly rejectToken: (() => void) | null;
    };

export interface AttemptDeps {
  readonly workspace: ((name: string, server?: ServerDef) => Promise<ResolvedWorkspace>) & {
    /** Already resolved: used as is, without an await per request. */
    readonly settled?: (name: string, server?: ServerDef) => ResolvedWorkspace | undefined;
  };
  /** The body a local reader produces (resources with `server.kind: local`). */
  readonly readLocal: (request: ApiRequest) => Promise<unknown>;
  readonly auth: Authorizer;
  readonly transport: HttpTransport;
  /** What each method's response must look like; absent = not checked (bare executor tests). */
  readonly shapeOf?: ShapeOf;
}

/** One HTTP attempt of `req`, classified; throws only for config errors and stop conditions. */
export async function sendAttempt(req: ApiRequest, op: Operation, attempt: number, d: AttemptDeps): Promise<AttemptOutcome> {
  // Starting `local` or reading a profile is part of the statement: it obeys the deadline too.
  if (req.server?.kind === 'local') return { kind: 'ok', body: await untilStopped(d.readLocal(req), op) };
  const ws = settledOrStop(d.workspace.settled?.(req.workspace, req.server), op) ?? (await untilStopped(d.workspace(req.workspace, req.server), op));
  let authorization;
  try {
    authorization = await d.auth.authorize(ws, req.workspace, op);
  } catch (err) {
    // A failed token fetch means the request itself was never sent: never ambiguous.
    if (err instanceof ApiError) return failed(err, err.details.status, null, false);
    if (err instanceof NetworkError) return failed(err, null, null, false);
    // A CLI that failed or a chain that found nothing: retrying would only repeat it.
    if (err instanceof AuthError) return failed(err, 401, null, false);
    throw err;
  }
  const label = { method: req.httpMethod, path: req.path, workspace: req.workspace };
  const res = await d.transport.send(
    {
      origin: ws.origin,
      method: req.httpMethod,
      path: req.path,
      pathWithQuery: buildPath(req.path, req.query),
      workspace: req.workspace,
      headers: authorization.headers,
      body: req.body === null ? null : JSON.stringify(req.body),
      attempt,
      throttle: { fallbackMs: req.retry.baseDelayMs, maxMs: req.retry.maxDelayMs },
    },
    op,
  );
  if (res.kind === 'network-failure') return failed(res.error, null, null, res.ambiguous);
  if (res.status >= 200 && res.status <= 299) return { kind: 'ok', body: checkedBody(req, res.status, parseSuccessBody(res, label), label, d.shapeOf) };
  const error = apiErrorFromResponse(res, label, req.errorHints);
  const rejectToken = authorization.reject && isRejectedToken(error) ? authorization.reject : null;
  // 5xx: the server may have applied the write before failing; a 429 or another 4xx applied nothing.
  return failed(error, res.status, parseRetryAfter(res.headers['retry-after']), res.status >= 500, rejectToken);
}

/**
 * A wrong-shaped 2xx is an API failure, not rows of NULLs: thrown, not retried (a server that sent
 * garbage once will again, and a create that was answered with garbage was probably applied).
 */
function checkedBody(req: ApiRequest, status: number, body: unknown, label: RequestLabel, shapeOf: ShapeOf | undefined): unknown {
  const shape = shapeOf?.(req.resource, req.method) ?? null;
  const problem = shape === null ? null : checkResponse(body, shape);
  if (problem === null) return body;
  const applied = req.httpMethod === 'GET' ? '' : ' (the request itself may have been applied)';
  if (problem.kind === 'error-envelope') return throwing(apiError(status, capText(problem.errorCode, 100), capText(problem.message, MAX_MESSAGE_CHARS) + applied, label));
  return throwing(
    apiError(status, 'INVALID_RESPONSE', `the response does not have the shape the resource definition declares: ${problem.message}${applied}`, label, undefined,
      'the server (or a proxy in front of it) answered with something that is not this API; check the workspace URL'),
  );
}

function throwing(err: Error): never {
  throw err;
}

function failed(
  error: HookqlError,
  status: number | null,
  retryAfterMs: number | null,
  ambiguous: boolean,
  rejectToken: (() => void) | null = null,
): AttemptOutcome {
  return { kind: 'failed', error, status, retryAfterMs, ambiguous, rejectToken };
}
