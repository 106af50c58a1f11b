// Applies one run's rows to the store: new rows are added (current and an open history version),
// changed rows get their current row replaced and a new history version (the old one closed), rows
// gone from a workspace that answered are removed (their version closed). Rows of a workspace that
// failed are left alone. A rerun with nothing changed only moves last_seen.

import { quote, type Dialect, type Tx } from './store.js';
import { ensureSchema } from './store-schema.js';
import { VERSION } from '../version.js';
import type { ResourceCounts, ResourceRows, SnapshotReport } from './types.js';

export async function writeSnapshot(tx: Tx, d: Dialect, resources: readonly ResourceRows[], workspaces: readonly string[]): Promise<SnapshotReport> {
  await ensureSchema(tx, d, resources);
  const startedAt = new Date().toISOString();
  const [{ id }] = await tx.query(
    `INSERT INTO ${d.table('snapshots')} (started_at, workspaces, resources, hookql_version) VALUES (?, ?, ?, ?) RETURNING id`,
    [startedAt, JSON.stringify(workspaces), JSON.stringify(resources.map((r) => r.resource)), VERSION],
  );
  const snapshotId = Number(id);
  const counts: Record<string, ResourceCounts> = {};
  for (const r of resources) counts[r.resource] = await writeResource(tx, d, r, snapshotId, startedAt);
  const failures = resources.flatMap((r) => r.failures);
  await tx.query(`UPDATE ${d.table('snapshots')} SET finished_at = ?, row_counts = ?, failures = ? WHERE id = ?`, [new Date().toISOString(), JSON.stringify(counts), JSON.stringify(failures), snapshotId]);
  return { id: snapshotId, startedAt, counts, failures };
}

async function writeResource(tx: Tx, d: Dialect, r: ResourceRows, snapshotId: number, now: string): Promise<ResourceCounts> {
  const current = d.table(r.table);
  const history = d.table(`${r.table}_history`);
  if (r.complete.length === 0) return { rows: 0, added: 0, changed: 0, removed: 0 };
  const marks = r.complete.map(() => '?').join(', ');
  const stored = new Map(
    (await tx.query(`SELECT row_key, row_hash FROM ${current} WHERE ${quote(r.serverParam)} IN (${marks})`, r.complete)).map((row) => [String(row.row_key), String(row.row_hash)]),
  );
  const names = r.columns.map((c) => quote(c.name)).join(', ');
  const values = (row: ResourceRows['rows'][number]) => r.columns.map((c) => d.param(c.type, row.values[c.name]));
  const placeholders = r.columns.map(() => '?').join(', ');
  const closeVersion = (key: string) => tx.query(`UPDATE ${history} SET valid_to = ? WHERE row_key = ? AND valid_to IS NULL`, [now, key]);
  const openVersion = (row: ResourceRows['rows'][number]) =>
    tx.query(`INSERT INTO ${history} (${names}, row_key, row_hash, snapshot_id, valid_from, valid_to) VALUES (${placeholders}, ?, ?, ?, ?, NULL)`, [...values(row), row.key, row.hash, snapshotId, now]);
  let added = 0;
  let changed = 0;
  for (const row of r.rows) {
    const previous = stored.get(row.key);
    stored.delete(row.key);
    if (previous === row.hash) {
      await tx.query(`UPDATE ${current} SET last_seen = ?, snapshot_id = ? WHERE row_key = ?`, [now, snapshotId, row.key]);
      continue;
    }
    if (previous === undefined) {
      added++;
      await tx.query(`INSERT INTO ${current} (${names}, row_key, row_hash, snapshot_id, first_seen, last_seen) VALUES (${placeholders}, ?, ?, ?, ?, ?)`, [...values(row), row.key, row.hash, snapshotId, now, now]);
    } else {
      changed++;
      const set = r.columns.map((c) => `${quote(c.name)} = ?`).join(', ');
      await tx.query(`UPDATE ${current} SET ${set}, row_hash = ?, snapshot_id = ?, last_seen = ? WHERE row_key = ?`, [...values(row), row.hash, snapshotId, now, row.key]);
      await closeVersion(row.key);
    }
    await openVersion(row);
  }
  // What is left was stored for a workspace that answered, and is gone from it.
  for (const key of stored.keys()) {
    await tx.query(`DELETE FROM ${current} WHERE row_key = ?`, [key]);
    await closeVersion(key);
  }
  return { rows: r.rows.length, added, changed, removed: stored.size };
}
