// Reads every row of a resource in each workspace through the engine (a plain SELECT *, so paging,
// retries and auth are the engine's), keyed and hashed for the store. A workspace that fails is
// reported, and its stored rows are left as they were: a failed read is never "everything deleted".

import { createHash } from 'node:crypto';
import { writeOnlyNames } from '../definition/index.js';
import type { ResourceDefinition } from '../definition/types.js';
import type { Engine } from '../engine.js';
import { resourceColumns } from '../engine.js';
import { ApiError } from '../errors.js';
import { errorReport } from '../util/error-report.js';
import { cellValue } from '../util/result-values.js';
import type { ResourceRows, SnapshotFailure, StoredRow } from './types.js';

export async function collectRows(engine: Engine, def: ResourceDefinition, workspaces: readonly string[], secrets: readonly string[]): Promise<ResourceRows> {
  const columns = resourceColumns(def);
  const writeOnly = writeOnlyNames(def);
  const complete: string[] = [];
  const rows: StoredRow[] = [];
  const failures: SnapshotFailure[] = [];
  for (const workspace of workspaces) {
    try {
      const [result] = await engine.run(`SELECT * FROM ${def.id} WHERE ${def.serverParam} = '${workspace.replaceAll("'", "''")}'`);
      const index = new Map(result.columns.map((c, i) => [c.name, i]));
      for (const row of result.rows) {
        const values: Record<string, unknown> = {};
        for (const c of columns) {
          const i = index.get(c.name);
          values[c.name] = i === undefined ? null : withoutKeys(cellValue(c, row[i]), writeOnly);
        }
        rows.push(stored(def, values));
      }
      complete.push(workspace);
    } catch (e) {
      const report = errorReport(e, secrets);
      failures.push({ kind: unavailable(e) ? 'unavailable' : 'failed', resource: def.id, workspace, code: report.code, message: report.message });
    }
  }
  return { resource: def.id, table: def.name, serverParam: def.serverParam, columns, complete, rows, failures };
}

/** The workspace does not serve this resource at all (classified by status and error_code). */
function unavailable(e: unknown): boolean {
  return e instanceof ApiError && e.details.status === 404 && e.details.errorCode === 'ENDPOINT_NOT_FOUND';
}

function stored(def: ResourceDefinition, values: Record<string, unknown>): StoredRow {
  const text = JSON.stringify(values);
  const hash = createHash('sha256').update(text).digest('hex');
  const id = values[def.idField];
  const key = JSON.stringify([values[def.serverParam], id === null || id === undefined ? hash : id]);
  return { key, hash, values };
}

function withoutKeys(value: unknown, keys: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => withoutKeys(v, keys));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => !keys.has(k)).map(([k, v]) => [k, withoutKeys(v, keys)]));
  }
  return value;
}
