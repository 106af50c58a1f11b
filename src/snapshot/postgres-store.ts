// The PostgreSQL store (node-postgres). The run's transaction takes a transaction-scoped advisory
// lock first: a second run waits for the first to commit, then applies its own changes on top.

import pg from 'pg';
import { ConfigError, NetworkError } from '../errors.js';
import { POSTGRESQL, type Store, type Tx } from './store.js';

/** Any 64-bit number hookql alone uses: the snapshot lock. */
const LOCK_KEY = 7_301_152_211_430_118;

export async function openPostgresStore(url: string): Promise<Store> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (e) {
    throw failure(e, url);
  }
  // Notices (CREATE … IF NOT EXISTS on existing objects) are expected; they are not output.
  client.on('notice', () => {});
  const tx: Tx = {
    async query(sql, params = []) {
      let n = 0;
      const numbered = sql.replace(/\?/g, () => `$${++n}`);
      return (await client.query(numbered, [...params])).rows as Record<string, unknown>[];
    },
    async columnsOf(table) {
      const [schema, name] = table.split('.').map((p) => p.replace(/^"|"$/g, ''));
      const rows = await client.query('SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2', [schema, name]);
      return rows.rows.map((r: { column_name: string }) => r.column_name);
    },
  };
  return {
    dialect: POSTGRESQL,
    async transaction(fn) {
      await client.query('BEGIN');
      try {
        await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
        const out = await fn(tx);
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw e instanceof pg.DatabaseError ? new NetworkError(`PostgreSQL refused the snapshot: ${e.message} (SQLSTATE ${e.code})`, { hint: 'check that the --to user may create the schema hookql and its tables' }) : e;
      }
    },
    async close() {
      await client.end();
    },
  };
}

function failure(e: unknown, url: string): Error {
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof pg.DatabaseError) return new ConfigError(`cannot use the PostgreSQL store at ${withoutPassword(url)}: ${message}`, { hint: 'check the user, password and database in --to' });
  return new NetworkError(`cannot reach the PostgreSQL store at ${withoutPassword(url)}: ${message}`, { hint: 'check the host and port in --to, and that the server is running' });
}

/** The URL as it may be shown: without its password. */
export function withoutPassword(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the --to URL';
  }
}
