import { ApiError, AuthError, CancelledError, DeadlineError, HookqlError } from '../errors.js';
import type { Env } from './auth/auth-attributes.js';
import type { AuthChoice, AuthPlan, TokenPlan } from './auth/auth-plan.js';
import { fetchToken } from './auth/fetch-token.js';
import type { Token } from './auth/token-response.js';
import type { ResolvedWorkspace } from './credentials.js';
import type { HttpTransport } from './http-transport.js';
import { Operation, settledOrStop, untilStopped } from './operation.js';

export interface Authorization {
  readonly headers: Readonly<Record<string, string>>;
  /** Forget these tokens if the API rejects them, so the next attempt fetches fresh ones (not for PATs). */
  readonly reject: (() => void) | null;
}

export interface Authorizer {
  authorize(ws: ResolvedWorkspace, workspace: string, op: Operation): Promise<Authorization>;
}

interface CacheEntry {
  readonly token: Promise<Token>;
  settled: Token | null;
}

/**
 * Tokens are cached per token plan (one M2M client on one host, one CLI invocation…) until shortly
 * before they expire. In the default chain a method that fails is skipped for the next one, as the
 * Go SDK does; the error when all fail names each.
 */
export function createAuthorizer(
  transport: HttpTransport,
  requestTimeoutMs: number,
  /** Filled with every token and client secret used, so messages can be scrubbed of them. */
  secrets: Set<string>,
  env: Env = {},
): Authorizer {
  const cache = new Map<string, CacheEntry>();
  /** Per choice: the candidate that worked (or is being tried). */
  const chosen = new WeakMap<AuthChoice, number>();

  function tokenFor(plan: TokenPlan, workspace: string): { entry: CacheEntry; key: string } {
    const key = planKey(plan);
    const cached = cache.get(key);
    if (cached && (cached.settled === null || Date.now() < cached.settled.refreshAt)) return { entry: cached, key };
    // The fetch is shared by every operation waiting for it, so it runs under its own timeout
    // rather than the first caller's signal (one caller cancelling must not fail the others).
    const own = new Operation(requestTimeoutMs * 2, undefined);
    const deps = { transport, env, secrets, workspace, commandTimeoutMs: requestTimeoutMs };
    const entry: CacheEntry = { token: fetchToken(plan, deps, own), settled: null };
    entry.token
      .then(
        (t) => void (entry.settled = t),
        () => cache.get(key) === entry && cache.delete(key),
      )
      .finally(() => own.dispose());
    cache.set(key, entry);
    return { entry, key };
  }

  async function headersOf(plan: AuthPlan, workspace: string, op: Operation): Promise<Authorization> {
    const plans = [plan.token, ...plan.extraHeaders.flatMap((h) => (h.token ? [h.token] : []))];
    const got = plans.map((p) => tokenFor(p, workspace));
    // Tokens fetched already (a PAT, after the first request) are used as they are: no await per request.
    const ready = got.every((g) => g.entry.settled !== null) ? settledOrStop(got.map((g) => g.entry.settled as Token), op) : undefined;
    const tokens = ready ?? (await Promise.all(got.map((g) => untilStopped(g.entry.token, op))));
    const headers: Record<string, string> = { authorization: tokens[0].header };
    let i = 1;
    for (const h of plan.extraHeaders) headers[h.name.toLowerCase()] = h.token ? tokens[i++].value : (h.value ?? '');
    const forget = () => got.forEach((g) => cache.get(g.key) === g.entry && cache.delete(g.key));
    return { headers, reject: plan.token.kind === 'static' ? null : forget };
  }

  return {
    async authorize(ws, workspace, op) {
      const choice = ws.auth;
      const failures: string[] = [];
      for (let i = chosen.get(choice) ?? 0; i < choice.candidates.length; i++) {
        const plan = choice.candidates[i];
        try {
          const auth = await headersOf(plan, workspace, op);
          chosen.set(choice, i);
          return auth;
        } catch (err) {
          if (err instanceof CancelledError || err instanceof DeadlineError || !(err instanceof HookqlError)) throw err;
          const last = i === choice.candidates.length - 1;
          if (choice.pinned || (last && failures.length === 0)) throw err;
          failures.push(`${plan.method}: ${err.message}`);
          if (last) {
            throw new AuthError(`no auth method worked for ${choice.where}:\n  ${failures.join('\n  ')}`, {
              cause: err,
              hint: 'fix the first method you meant to use, or pin it with auth_type (DATABRICKS_AUTH_TYPE)',
            });
          }
        }
      }
      throw new AuthError(`no auth method left for ${choice.where}`);
    },
  };
}

/** A token plan's cache key, spelled once per plan object (plans are immutable; one is used per request). */
const planKeys = new WeakMap<TokenPlan, string>();

function planKey(plan: TokenPlan): string {
  let key = planKeys.get(plan);
  if (key === undefined) planKeys.set(plan, (key = JSON.stringify(plan)));
  return key;
}

/**
 * A 401, or a 403 whose error_code says the token itself is bad (the service answers an invalid
 * or expired token with `{"error_code": 403}`), is worth one refresh; PERMISSION_DENIED is not.
 */
const TOKEN_ERROR_CODES: ReadonlySet<string> = new Set([
  '401',
  '403',
  'UNAUTHENTICATED',
  'INVALID_TOKEN',
  'EXPIRED_TOKEN',
  'TOKEN_EXPIRED',
  'INVALID_ACCESS_TOKEN',
]);

export function isRejectedToken(error: ApiError): boolean {
  const { status, errorCode } = error.details;
  return status === 401 || (status === 403 && TOKEN_ERROR_CODES.has(errorCode));
}
