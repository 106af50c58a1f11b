// Opens the emulator's SQLite file and creates every family's tables (families.ts). One file holds the
// whole workspace state: webhooks, job runs and issued M2M tokens. The request and delivery logs are
// diagnostics and live in memory (activity-log.ts).

import Database from 'better-sqlite3';

export type Db = Database.Database;

export function openDatabase(path: string, schema: string): Db {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // In WAL mode a commit is written to the -wal file before the statement returns, and we answer the
  // HTTP request only after that; so every acknowledged write survives `kill -9` of the process.
  // NORMAL skips the fsync per commit (only an OS crash or power loss could lose the last commits),
  // which keeps bulk benchmarks fast.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec(schema);
  return db;
}
