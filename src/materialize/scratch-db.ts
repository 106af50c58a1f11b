// The subset of better-sqlite3 materialize/ uses, as a port; the real database is opened in one
// place (openScratchDb) and tests use it too — SQLite is never mocked.

import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

export interface ScratchStatement {
  run(params?: unknown): { readonly lastInsertRowid: number | bigint };
  all(params?: unknown): unknown[];
  raw(on: boolean): ScratchStatement;
  columns(): { name: string; type: string | null }[];
  readonly reader: boolean;
}

export interface ScratchDb {
  prepare(sql: string): ScratchStatement;
  exec(sql: string): void;
  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
  /** The whole database as one image (what run-isolated.ts hands its child process). */
  serialize(options?: { attached?: string }): Buffer;
  close(): void;
}

/** An in-memory database for one engine: scratch tables are created and dropped per statement. */
export function openScratchDb(): ScratchDb {
  // Required here, not imported: SHOW, DESCRIBE, EXEC and EXPLAIN never open a scratch database,
  // so `hookql exec "SHOW …"` does not load the native module.
  const require = createRequire(import.meta.url);
  const Database = require('better-sqlite3') as typeof BetterSqlite3;
  const db = new Database(':memory:', { nativeBinding: nativeAddon(require) });
  // Scratch data is rebuilt on every statement; durability would only cost time.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  // fts3_tokenizer('simple') returns the address of a C struct (a pointer leak; with two arguments
  // it could install one): nothing a query needs. Defined over it for both arities, it fails plainly.
  const disabled = () => {
    throw Object.assign(new Error('fts3_tokenizer() is disabled in hookql'), { code: 'SQLITE_AUTH' });
  };
  db.function('fts3_tokenizer', (_a: unknown) => disabled());
  db.function('fts3_tokenizer', (_a: unknown, _b: unknown) => disabled());
  return db as unknown as ScratchDb;
}

/**
 * The path of better-sqlite3's compiled addon, where its install puts it. Left to itself the package
 * finds it with the `bindings` package, which parses a stack trace and tries a dozen folders: ~3 ms
 * of every statement that stores rows. Elsewhere (another build layout): undefined, its own search.
 */
function nativeAddon(require: NodeRequire): string | undefined {
  try {
    return require.resolve('better-sqlite3/build/Release/better_sqlite3.node');
  } catch {
    return undefined;
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
