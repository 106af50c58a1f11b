// Bearer-token authentication. Three kinds of token are accepted: the admin PAT (--token), the
// optional non-admin PAT (--user-token) and unexpired M2M tokens from /oidc/v1/token. M2M tokens act
// as a workspace admin (the service principals that deploy webhooks from CI usually are; UNVERIFIED).

import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { invalidToken, permissionDenied } from '../wire/api-error.js';
import type { TokenStore } from '../oauth/token-store.js';
import type { Principal } from '../types.js';

export interface AuthConfig {
  readonly adminToken: string;
  readonly userToken?: string;
}

export class Authenticator {
  constructor(
    private readonly config: AuthConfig,
    private readonly tokens: TokenStore,
  ) {}

  /** The caller, or an ApiError: a missing, malformed, unknown or expired token is 403 "Invalid access token.". */
  authenticate(headers: IncomingHttpHeaders): Principal {
    const token = bearerToken(headers.authorization);
    if (token === undefined) throw invalidToken();
    if (sameSecret(token, this.config.adminToken)) return { role: 'admin' };
    if (this.config.userToken !== undefined && sameSecret(token, this.config.userToken)) return { role: 'user' };
    // An expired M2M token gets the same 403 as a bad PAT (the real text for this case is UNVERIFIED);
    // clients refresh once on 401/403 and retry.
    if (this.tokens.isValid(token)) return { role: 'admin' };
    throw invalidToken();
  }
}

/** Registry-wide webhooks (no model_name) need a workspace admin (GUIDE, "Permissions"). */
export function requireAdminFor(principal: Principal | undefined, modelName: string | undefined): void {
  if (modelName === undefined && principal?.role !== 'admin') {
    throw permissionDenied('Registry-wide webhooks (without model_name) can be managed only by workspace admins.');
  }
}

export function requireAdmin(principal: Principal | undefined): void {
  if (principal?.role !== 'admin') throw permissionDenied('The emulator admin endpoint needs the admin token.');
}

function bearerToken(header: string | undefined): string | undefined {
  const match = header === undefined ? null : /^Bearer +(\S+) *$/i.exec(header);
  return match?.[1];
}

/** Constant-time comparison: hash both sides so the lengths match and nothing leaks through timing. */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
