// Opens the emulator's SQLite file and creates its schema. One file holds the whole workspace state:
// webhooks, job runs and issued M2M tokens. The request and delivery logs are diagnostics and live in
// memory (activity-log.ts).

import Database from 'better-sqlite3';

export type Db = Database.Database;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS webhooks (
  -- seq is the pagination keyset: AUTOINCREMENT never reuses a value, even after deletes or a reset,
  -- so a page token pointing past seq N stays meaningful while others create and delete.
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  model_name TEXT,
  description TEXT,
  events TEXT NOT NULL,
  status TEXT NOT NULL,
  http_url_spec TEXT,
  job_spec TEXT,
  creation_timestamp INTEGER NOT NULL,
  last_updated_timestamp INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS webhooks_by_model ON webhooks (model_name, seq);
CREATE TABLE IF NOT EXISTS job_runs (
  run_id INTEGER PRIMARY KEY AUTOINCREMENT,
  job_id TEXT NOT NULL,
  request TEXT NOT NULL,
  creation_timestamp INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS oauth_tokens (
  token_sha256 TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL
);
`;

export function openDatabase(path: string): Db {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // In WAL mode a commit is written to the -wal file before the statement returns, and we answer the
  // HTTP request only after that; so every acknowledged write survives `kill -9` of the process.
  // NORMAL skips the fsync per commit (only an OS crash or power loss could lose the last commits),
  // which keeps bulk benchmarks fast.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  return db;
}
