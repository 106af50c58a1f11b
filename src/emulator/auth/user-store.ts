// Workspace users added through the admin API (POST /__emulator/users), each with its own PAT. Only
// the token's SHA-256 is stored, like the OAuth tokens. The --token and --user-token principals are
// configuration, not rows: they survive a reset.

import { sha256 } from '../oauth/token-store.js';
import type { Db } from '../store.js';

export const USERS_SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
  token_sha256 TEXT PRIMARY KEY,
  user_name TEXT NOT NULL UNIQUE,
  admin INTEGER NOT NULL
);
`;

export interface WorkspaceUser {
  readonly user_name: string;
  readonly admin: boolean;
}

export class UserStore {
  constructor(private readonly db: Db) {}

  /** Adds the user, or replaces its token and role when the name exists. */
  put(user: WorkspaceUser, token: string): void {
    this.db.prepare('DELETE FROM users WHERE user_name = ? OR token_sha256 = ?').run(user.user_name, sha256(token));
    this.db.prepare('INSERT INTO users (token_sha256, user_name, admin) VALUES (?, ?, ?)').run(sha256(token), user.user_name, user.admin ? 1 : 0);
  }

  byToken(token: string): WorkspaceUser | undefined {
    const row = this.db.prepare('SELECT user_name, admin FROM users WHERE token_sha256 = ?').get(sha256(token)) as
      | { user_name: string; admin: number }
      | undefined;
    return row && { user_name: row.user_name, admin: row.admin === 1 };
  }

  list(): WorkspaceUser[] {
    const rows = this.db.prepare('SELECT user_name, admin FROM users ORDER BY user_name').all() as Array<{ user_name: string; admin: number }>;
    return rows.map((row) => ({ user_name: row.user_name, admin: row.admin === 1 }));
  }

  clear(): void {
    this.db.prepare('DELETE FROM users').run();
  }
}
