// A real SQLite scratch database shaped like materialize/'s: one table per scan, JSON as text.
// Tests run the SQL parse/ produced on it, with every predicate slot replaced by `1`.
import Database from 'better-sqlite3';
import type { SelectStatement } from '../../src/parse/index.js';

const COLUMNS = ['id', 'model_name', 'creation_timestamp', 'description', 'events', 'http_url_spec', 'job_spec', 'last_updated_timestamp', 'status', 'workspace'];

export const ROWS = [
  ['h1', 'churn', 1700000000000, 'first', '["MODEL_VERSION_CREATED","COMMENT_CREATED"]', '{"url":"https://a.example/x","enable_ssl_verification":true}', null, 1700000000001, 'ACTIVE', 'local'],
  ['h2', 'churn', 1700000000002, 'second', '["MODEL_VERSION_TRANSITIONED_TO_PRODUCTION"]', null, '{"job_id":"42","workspace_url":"https://w"}', 1700000000003, 'DISABLED', 'local'],
  ['h3', null, 1700000000004, "o'brien; --x", '["REGISTERED_MODEL_CREATED"]', '{"url":"https://b.example/y"}', null, 1700000000005, 'TEST_MODE', 'prod'],
] as const;

export function scratchDb(scans = 3): Database.Database {
  const db = new Database(':memory:');
  for (let i = 0; i < scans; i++) {
    const table = `__hookql_scan_${i}`;
    db.exec(`CREATE TABLE "${table}" (${COLUMNS.map((c) => `"${c}"`).join(', ')})`);
    const insert = db.prepare(`INSERT INTO "${table}" VALUES (${COLUMNS.map(() => '?').join(', ')})`);
    for (const row of ROWS) insert.run(...row);
  }
  return db;
}

/** Runs a rewritten SELECT with its slots replaced by `1` (keep every row). */
export function runSelect(select: SelectStatement, db = scratchDb()): Record<string, unknown>[] {
  const sql = select.sql.replace(/"__hookql_pred_\d+"/g, '1');
  return db.prepare(sql).all(select.bindings) as Record<string, unknown>[];
}

/**
 * Runs a rewritten SELECT with each slot replaced by its predicate, checked locally the way
 * materialize/ does (`"<alias or table>"."<column>" IN (…)`), so WHERE filters as written.
 */
export function runSelectFiltered(select: SelectStatement, db = scratchDb()): Record<string, unknown>[] {
  let sql = select.sql;
  const bindings: Record<string, unknown> = { ...select.bindings };
  for (const scan of select.scans) {
    for (const p of scan.predicates) {
      if (p.subquery !== undefined) {
        sql = sql.replace(`"${p.slot}"`, `("${scan.alias ?? scan.table}"."${p.column}" IN (${p.subquery}))`);
        continue;
      }
      const names = p.values.map((v, i) => {
        bindings[`${p.slot}_${i}`] = typeof v === 'boolean' ? Number(v) : v;
        return `:${p.slot}_${i}`;
      });
      sql = sql.replace(`"${p.slot}"`, `("${scan.alias ?? scan.table}"."${p.column}" IN (${names.join(', ')}))`);
    }
  }
  return db.prepare(sql).all(bindings) as Record<string, unknown>[];
}

export const RESOURCE = 'databricks_workspace.ml.model_registry_webhooks';
