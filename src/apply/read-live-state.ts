// The live rows of every workspace a manifest names, read through the engine (which follows every
// page). Result rows come back as SQL cells; JSON columns are parsed back into values so they
// compare with the manifest's.

import type { ResourceDefinition } from '../definition/types.js';
import type { CellValue, StatementResult } from '../result.js';
import type { LiveRow } from './plan-types.js';
import type { RowLister } from './statement-runner.js';

export async function readLiveState(
  runner: RowLister,
  def: ResourceDefinition,
  workspaces: readonly string[],
  signal?: AbortSignal,
  /** Only these columns (fewer to convert and store); all of them when absent. */
  columns?: readonly string[],
): Promise<Map<string, LiveRow[]>> {
  const live = new Map<string, LiveRow[]>(workspaces.map((w) => [w, []]));
  if (workspaces.length === 0) return live;
  // One statement: the engine fans `IN (…)` out to one list per workspace, concurrently, and tags
  // each row with the workspace it came from. It is handed over as data, never parsed (engine.list).
  const columnList = columns === undefined ? undefined : [def.serverParam, ...columns];
  const result = await runner.list({ resource: def.id, param: def.serverParam, values: workspaces, columns: columnList }, { signal });
  for (const row of rowsOf(def, result)) live.get(row.workspace)?.push(row);
  return live;
}

/** Result rows as LiveRows; the workspace comes from the server-param column, or `workspace` when absent. */
export function rowsOf(def: ResourceDefinition, result: StatementResult | undefined, workspace?: string): LiveRow[] {
  if (result === undefined) return [];
  const { columns } = result;
  const server = columns.findIndex((c) => c.name === def.serverParam);
  return result.rows.map((row) => {
    const values: Record<string, unknown> = {};
    // 1,000s of rows × every column: a plain loop.
    for (let i = 0; i < columns.length; i++) if (i !== server) values[columns[i].name] = cell(columns[i].type, row[i]);
    return { id: String(values[def.idField]), workspace: server >= 0 ? String(row[server]) : (workspace ?? ''), values };
  });
}

/** The id rowsOf(def, result)[0] has, or null when the result has no row: without converting the other columns. */
export function firstRowId(def: ResourceDefinition, result: StatementResult | undefined): string | null {
  const row = result?.rows[0];
  if (result === undefined || row === undefined) return null;
  const at = result.columns.findIndex((c) => c.name === def.idField);
  const server = result.columns.findIndex((c) => c.name === def.serverParam);
  return String(at < 0 || at === server ? undefined : cell(result.columns[at].type, row[at]));
}

function cell(type: string, v: CellValue): unknown {
  if (v === null) return undefined;
  if (typeof v === 'bigint') return Number(v);
  if (type === 'json' && typeof v === 'string') {
    try {
      return JSON.parse(v);
    } catch {
      return v;
    }
  }
  if (type === 'boolean' && typeof v === 'number') return v !== 0;
  return v;
}
