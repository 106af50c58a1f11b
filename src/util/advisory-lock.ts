// Serialises `hookql apply` runs on one machine, per workspace: an exclusive SQLite transaction held
// on $HOOKQL_HOME/locks/<workspace>.lock for the whole run. SQLite's lock is a POSIX byte-range
// lock, which the operating system drops when the process dies, so a crashed or SIGKILLed run never
// leaves a stale lock behind (no pid files, no staleness guesses). Waiting polls without blocking
// the event loop, so Ctrl-C and the caller's signal still work while queued.

import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { CancelledError } from '../errors.js';
import { ensurePrivateDir, ensurePrivateFile } from './private-files.js';

export interface HeldLocks {
  release(): void;
}

export interface LockOptions {
  readonly signal?: AbortSignal;
  /** Called once per lock that is busy: who holds it (as its owner wrote it), so the user knows why we wait. */
  readonly onWait?: (name: string, holder: string) => void;
  readonly pollMs?: number;
}

/** Takes every named lock, in a fixed order (no deadlock between two runs naming the same ones). */
export async function acquireLocks(dir: string, names: readonly string[], options: LockOptions = {}): Promise<HeldLocks> {
  ensurePrivateDir(dir);
  const held: BetterSqlite3.Database[] = [];
  const release = () => held.splice(0).forEach(unlock);
  try {
    for (const name of [...new Set(names.map(normalise))].sort()) held.push(await acquire(dir, name, options));
  } catch (err) {
    release();
    throw err;
  }
  return { release };
}

/** Two spellings of one workspace URL (`https://x/` and `https://X`) share a lock. */
function normalise(name: string): string {
  return name.trim().replace(/\/+$/, '').toLowerCase();
}

async function acquire(dir: string, name: string, o: LockOptions): Promise<BetterSqlite3.Database> {
  const file = join(dir, `${createHash('sha256').update(name).digest('hex').slice(0, 24)}.lock`);
  ensurePrivateFile(file);
  const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  const db = new Database(file, { timeout: 0 });
  let warned = false;
  try {
    for (;;) {
      if (o.signal?.aborted) throw new CancelledError(`cancelled while waiting for another hookql apply on '${name}'`);
      if (tryBegin(db)) break;
      if (!warned) o.onWait?.(name, holderOf(file));
      warned = true;
      await sleep(o.pollMs ?? 100, o.signal);
    }
  } catch (err) {
    db.close();
    throw err;
  }
  writeFileSync(`${file}.owner`, `pid ${process.pid}, started ${new Date().toISOString()}`, { mode: 0o600 });
  return db;
}

function tryBegin(db: BetterSqlite3.Database): boolean {
  try {
    db.exec('BEGIN EXCLUSIVE');
    return true;
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_BUSY') return false;
    throw err;
  }
}

function unlock(db: BetterSqlite3.Database): void {
  try {
    db.exec('ROLLBACK');
  } finally {
    db.close();
  }
}

function holderOf(file: string): string {
  try {
    return readFileSync(`${file}.owner`, 'utf8').slice(0, 200);
  } catch {
    return 'another process';
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
