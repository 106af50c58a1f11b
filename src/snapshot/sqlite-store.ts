// The embedded store: one SQLite file. BEGIN IMMEDIATE takes the write lock at once, and the busy
// timeout makes a second run wait for it rather than fail.

import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { SQLITE, type Store, type Tx } from './store.js';

export function openSqliteStore(file: string): Store {
  const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 60000');
  const tx: Tx = {
    async query(sql, params = []) {
      const statement = db.prepare(sql);
      if (statement.reader) return statement.all(...params) as Record<string, unknown>[];
      const info = statement.run(...params);
      return [{ id: Number(info.lastInsertRowid) }];
    },
    async columnsOf(table) {
      return (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table.replace(/^"|"$/g, '')) as { name: string }[]).map((r) => r.name);
    },
  };
  return {
    dialect: SQLITE,
    async transaction(fn) {
      db.exec('BEGIN IMMEDIATE');
      try {
        const out = await fn(tx);
        db.exec('COMMIT');
        return out;
      } catch (e) {
        db.exec('ROLLBACK');
        throw e;
      }
    },
    async close() {
      db.close();
    },
  };
}
