// Bearer-token authentication. Four kinds of token are accepted: the admin PAT (--token), the
// optional non-admin PAT (--user-token), the PATs of users added through the admin API, and unexpired
// M2M tokens from /oidc/v1/token. M2M tokens act as a workspace admin (the service principals that
// deploy webhooks from CI usually are; UNVERIFIED). Each caller is a named user, so grants can name it.

import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { invalidToken, permissionDenied } from '../wire/api-error.js';
import type { TokenStore } from '../oauth/token-store.js';
import type { Principal } from '../types.js';
import type { UserStore } from './user-store.js';

/** The user names of the two configured tokens and of M2M callers. */
export const ADMIN_USER = 'admin@example.com';
export const DEFAULT_USER = 'user@example.com';

export interface AuthConfig {
  readonly adminToken: string;
  readonly userToken?: string;
  readonly clientId?: string;
}

export class Authenticator {
  /** The configured tokens' digests, hashed once rather than on every request. */
  private readonly adminDigest: Buffer;
  private readonly userDigest: Buffer | undefined;

  constructor(
    private readonly config: AuthConfig,
    private readonly tokens: TokenStore,
    private readonly users: UserStore,
  ) {
    this.adminDigest = digest(config.adminToken);
    this.userDigest = config.userToken === undefined ? undefined : digest(config.userToken);
  }

  /** The caller, or an ApiError: a missing, malformed, unknown or expired token is 403 "Invalid access token.". */
  authenticate(headers: IncomingHttpHeaders): Principal {
    const token = bearerToken(headers.authorization);
    if (token === undefined) throw invalidToken();
    const given = digest(token);
    if (timingSafeEqual(given, this.adminDigest)) return { role: 'admin', userName: ADMIN_USER };
    if (this.userDigest !== undefined && timingSafeEqual(given, this.userDigest)) return { role: 'user', userName: DEFAULT_USER };
    const user = this.users.byToken(token);
    if (user) return { role: user.admin ? 'admin' : 'user', userName: user.user_name };
    // An expired M2M token gets the same 403 as a bad PAT (the real text for this case is UNVERIFIED);
    // clients refresh once on 401/403 and retry.
    if (this.tokens.isValid(token)) return { role: 'admin', userName: this.config.clientId ?? ADMIN_USER };
    throw invalidToken();
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
  return timingSafeEqual(digest(given), digest(expected));
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
