// OAuth M2M access tokens issued by /oidc/v1/token. Only their SHA-256 is stored (the file should not
// hold live credentials), with the expiry; they persist so a restart does not log clients out.

import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../store.js';

export const OAUTH_TOKENS_SCHEMA = `
CREATE TABLE IF NOT EXISTS oauth_tokens (
  token_sha256 TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL
);
`;

export interface IssuedToken {
  readonly accessToken: string;
  readonly expiresInSeconds: number;
}

export class TokenStore {
  constructor(private readonly db: Db) {}

  issue(ttlSeconds: number, now = Date.now()): IssuedToken {
    const accessToken = `hqm2m${randomBytes(24).toString('base64url')}`;
    this.db.prepare('DELETE FROM oauth_tokens WHERE expires_at <= ?').run(now);
    this.db
      .prepare('INSERT INTO oauth_tokens (token_sha256, expires_at) VALUES (?, ?)')
      .run(sha256(accessToken), now + ttlSeconds * 1000);
    return { accessToken, expiresInSeconds: ttlSeconds };
  }

  /** True for an issued token that has not expired yet. */
  isValid(token: string, now = Date.now()): boolean {
    const row = this.db.prepare('SELECT expires_at FROM oauth_tokens WHERE token_sha256 = ?').get(sha256(token)) as
      | { expires_at: number }
      | undefined;
    return row !== undefined && row.expires_at > now;
  }
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
