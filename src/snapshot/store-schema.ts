// Creates and migrates hookql's tables in a store, inside the run's transaction. Per resource: the
// current rows, and a history with one row per version of each row (valid_from / valid_to; the
// open version has valid_to NULL). A column the definition gained since is added; none is dropped,
// so old history stays readable.
//
// hookql's own tables are versioned (schema_version: one row per version applied). A store of an
// older version is migrated in the same transaction as the run (all or nothing); a store of a
// NEWER version is refused before anything is written: this hookql cannot know what it would break.

import { StoreVersionError } from '../errors.js';
import { quote, type Dialect, type Tx } from './store.js';
import type { ResourceRows } from './types.js';

export const SCHEMA_VERSION = 2;

interface Migration {
  /** The version the store has after it. */
  readonly to: number;
  apply(tx: Tx, d: Dialect): Promise<void>;
}

/** In order; migration `to: n` brings a version n - 1 store to n. */
const MIGRATIONS: readonly Migration[] = [
  // 2: each run records which hookql wrote it (older runs keep NULL), to tell runs apart when
  // the definitions, and so the columns, changed between versions.
  { to: 2, apply: (tx, d) => tx.query(`ALTER TABLE ${d.table('snapshots')} ADD COLUMN hookql_version TEXT`).then(() => undefined) },
];

export async function ensureSchema(tx: Tx, d: Dialect, resources: readonly ResourceRows[]): Promise<void> {
  for (const sql of d.schema) await tx.query(sql);
  await tx.query(`CREATE TABLE IF NOT EXISTS ${d.table('schema_version')} (version INTEGER NOT NULL, applied_at ${d.timestamp} NOT NULL)`);
  const applied = await tx.query(`SELECT max(version) AS v FROM ${d.table('schema_version')}`);
  const marked = applied[0]?.v === null || applied[0]?.v === undefined ? null : Number(applied[0].v);
  // A runs table with no version row can only be version 1's (it wrote its row in the same transaction).
  const stored = marked ?? ((await tx.columnsOf(d.table('snapshots'))).length > 0 ? 1 : null);
  if (stored !== null && stored > SCHEMA_VERSION) {
    throw new StoreVersionError(`the snapshot store has schema version ${stored}, written by a newer hookql; this one writes version ${SCHEMA_VERSION}, so nothing was written`, {
      hint: 'upgrade hookql to the version that wrote the store, or snapshot --to a new store',
    });
  }
  const record = (version: number) => tx.query(`INSERT INTO ${d.table('schema_version')} VALUES (?, ?)`, [version, new Date().toISOString()]);
  if (stored === null) {
    await createSnapshotsTable(tx, d);
    await record(SCHEMA_VERSION);
  } else {
    await createSnapshotsTable(tx, d);
    for (const m of MIGRATIONS.filter((m) => m.to > stored)) {
      await m.apply(tx, d);
      await record(m.to);
    }
  }
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

/** The runs table at the current version (an older store's is migrated to it). */
async function createSnapshotsTable(tx: Tx, d: Dialect): Promise<void> {
  const exists = (await tx.columnsOf(d.table('snapshots'))).length > 0;
  if (exists) return;
  await tx.query(
    `CREATE TABLE ${d.table('snapshots')} (id ${d.idColumn}, started_at ${d.timestamp} NOT NULL, finished_at ${d.timestamp}, ` +
      `workspaces ${d.json} NOT NULL, resources ${d.json} NOT NULL, row_counts ${d.json}, failures ${d.json}, hookql_version TEXT)`,
  );
}
