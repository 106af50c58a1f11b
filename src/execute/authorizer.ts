import { ApiError } from '../errors.js';
import type { Credentials, ResolvedWorkspace } from './credentials.js';
import { fetchOAuthToken, type OAuthToken } from './fetch-oauth-token.js';
import type { HttpTransport } from './http-transport.js';
import { Operation, untilStopped } from './operation.js';

export interface Authorization {
  readonly header: string;
  /** Forget this token if the API rejects it, so the next attempt fetches a fresh one (M2M only). */
  readonly reject: (() => void) | null;
}

export interface Authorizer {
  authorize(ws: ResolvedWorkspace, workspace: string, op: Operation): Promise<Authorization>;
}

type M2M = Extract<Credentials, { kind: 'oauth-m2m' }>;

interface CacheEntry {
  readonly token: Promise<OAuthToken>;
  settled: OAuthToken | null;
}

/** PATs are used as they are; M2M tokens are cached per host and client until shortly before expiry. */
export function createAuthorizer(
  transport: HttpTransport,
  requestTimeoutMs: number,
  /** Filled with every token and client secret used, so messages can be scrubbed of them. */
  secrets: Set<string>,
): Authorizer {
  const cache = new Map<string, CacheEntry>();

  function m2mToken(origin: string, creds: M2M, workspace: string): CacheEntry {
    const key = `${origin}\n${creds.clientId}`;
    const cached = cache.get(key);
    if (cached && (cached.settled === null || Date.now() < cached.settled.refreshAt)) return cached;
    // The fetch is shared by every operation waiting for it, so it runs under its own timeout
    // rather than the first caller's signal (one caller cancelling must not fail the others).
    const own = new Operation(requestTimeoutMs * 2, undefined);
    const entry: CacheEntry = { token: fetchOAuthToken(transport, origin, creds, workspace, own), settled: null };
    entry.token.then(
      (t) => ((entry.settled = t), secrets.add(t.accessToken)),
      () => cache.get(key) === entry && cache.delete(key),
    ).finally(() => own.dispose());
    cache.set(key, entry);
    return entry;
  }

  return {
    async authorize(ws, workspace, op) {
      const creds = ws.credentials;
      if (creds.kind === 'bearer') {
        secrets.add(creds.token);
        return { header: `Bearer ${creds.token}`, reject: null };
      }
      secrets.add(creds.clientSecret);
      // The Basic header value is the secret in another spelling; a server might echo it.
      secrets.add(Buffer.from(`${creds.clientId}:${creds.clientSecret}`).toString('base64'));
      const entry = m2mToken(ws.origin, creds, workspace);
      const token = await untilStopped(entry.token, op);
      const key = `${ws.origin}\n${creds.clientId}`;
      return { header: `Bearer ${token.accessToken}`, reject: () => cache.get(key) === entry && cache.delete(key) };
    },
  };
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
