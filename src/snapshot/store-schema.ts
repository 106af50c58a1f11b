// Creates and migrates hookql's tables in a store, inside the run's transaction. Per resource: the
// current rows, and a history with one row per version of each row (valid_from / valid_to; the
// open version has valid_to NULL). A column the definition gained since is added; none is dropped,
// so old history stays readable.

import { quote, type Dialect, type Tx } from './store.js';
import type { ResourceRows } from './types.js';

export const SCHEMA_VERSION = 1;

export async function ensureSchema(tx: Tx, d: Dialect, resources: readonly ResourceRows[]): Promise<void> {
  for (const sql of d.schema) await tx.query(sql);
  await tx.query(`CREATE TABLE IF NOT EXISTS ${d.table('schema_version')} (version INTEGER NOT NULL, applied_at ${d.timestamp} NOT NULL)`);
  const applied = await tx.query(`SELECT max(version) AS v FROM ${d.table('schema_version')}`);
  if (applied[0]?.v === null || applied[0]?.v === undefined) await tx.query(`INSERT INTO ${d.table('schema_version')} VALUES (?, ?)`, [SCHEMA_VERSION, new Date().toISOString()]);
  await tx.query(
    `CREATE TABLE IF NOT EXISTS ${d.table('snapshots')} (id ${d.idColumn}, started_at ${d.timestamp} NOT NULL, finished_at ${d.timestamp}, ` +
      `workspaces ${d.json} NOT NULL, resources ${d.json} NOT NULL, row_counts ${d.json}, failures ${d.json})`,
  );
  for (const r of resources) {
    const bookkeeping = `row_key TEXT NOT NULL, row_hash TEXT NOT NULL, snapshot_id BIGINT NOT NULL`;
    await tx.query(`CREATE TABLE IF NOT EXISTS ${d.table(r.table)} (${bookkeeping}, first_seen ${d.timestamp} NOT NULL, last_seen ${d.timestamp} NOT NULL, PRIMARY KEY (row_key))`);
    await tx.query(`CREATE TABLE IF NOT EXISTS ${d.table(`${r.table}_history`)} (${bookkeeping}, valid_from ${d.timestamp} NOT NULL, valid_to ${d.timestamp})`);
    for (const table of [r.table, `${r.table}_history`]) {
      const have = new Set(await tx.columnsOf(d.table(table)));
      for (const c of r.columns) if (!have.has(c.name)) await tx.query(`ALTER TABLE ${d.table(table)} ADD COLUMN ${quote(c.name)} ${d.column(c.type)}`);
    }
    await tx.query(`CREATE INDEX IF NOT EXISTS ${quote(`hookql_${r.table}_history_open`)} ON ${d.table(`${r.table}_history`)} (row_key, valid_to)`);
  }
}
