// The live rows of every workspace a manifest names, read through the engine (which follows every
// page). Result rows come back as SQL cells; JSON columns are parsed back into values so they
// compare with the manifest's.

import type { ResourceDefinition } from '../definition/types.js';
import type { ListQuery } from '../parse/list-statement.js';
import type { CellValue, StatementResult } from '../result.js';
import type { LiveRow } from './plan-types.js';
import type { StatementRunner } from './statement-runner.js';

export async function readLiveState(
  runner: StatementRunner,
  def: ResourceDefinition,
  workspaces: readonly string[],
  signal?: AbortSignal,
  /** Only these columns (fewer to convert and store); all of them when absent. */
  columns?: readonly string[],
): Promise<Map<string, LiveRow[]>> {
  const live = new Map<string, LiveRow[]>(workspaces.map((w) => [w, []]));
  if (workspaces.length === 0) return live;
  // One statement: the engine fans `IN (…)` out to one list per workspace, concurrently, and tags
  // each row with the workspace it came from. The engine takes it as data when it can (no parse);
  // as text, workspaces travel in vars: they are user text.
  const query = { resource: def.id, param: def.serverParam, values: workspaces, columns: columns === undefined ? undefined : [def.serverParam, ...columns] };
  const result = runner.list !== undefined ? await runner.list(query, { signal }) : (await runner.run(listText(query), { vars: listVars(query), signal }))[0];
  for (const row of rowsOf(def, result)) live.get(row.workspace)?.push(row);
  return live;
}

/** The statement engine.list runs, as text whose values are `{{ param_i }}` vars (listVars). */
function listText(query: ListQuery): string {
  const list = query.values.map((_, i) => `'{{ ${query.param}_${i} }}'`).join(', ');
  return `SELECT ${query.columns?.join(', ') ?? '*'} FROM ${query.resource} WHERE ${query.param} IN (${list})`;
}

function listVars(query: ListQuery): Record<string, string> {
  return Object.fromEntries(query.values.map((w, i) => [`${query.param}_${i}`, w]));
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
