// The live rows of every workspace a manifest names: one SELECT per workspace through the engine
// (which follows every page), all workspaces at once. Result rows come back as SQL cells; JSON
// columns are parsed back into values so they compare with the manifest's.

import { mapAll } from '../concurrency.js';
import type { ResourceDefinition } from '../definition/types.js';
import type { CellValue, StatementResult } from '../result.js';
import type { LiveRow } from './plan-types.js';
import type { StatementRunner } from './statement-runner.js';
import { sqlString } from './sql-literal.js';

export async function readLiveState(
  runner: StatementRunner,
  def: ResourceDefinition,
  workspaces: readonly string[],
  signal?: AbortSignal,
): Promise<Map<string, LiveRow[]>> {
  const lists = await mapAll(workspaces, workspaces.length, async (workspace) => {
    // The workspace travels in a var: it is user text, and vars are never parsed as SQL.
    const sql = `SELECT * FROM ${def.id} WHERE ${def.serverParam} = '{{ ${def.serverParam} }}'`;
    const [result] = await runner.run(sql, { vars: { [def.serverParam]: workspace }, signal });
    return rowsOf(def, workspace, result);
  });
  return new Map(workspaces.map((w, i) => [w, lists[i]]));
}

export function rowsOf(def: ResourceDefinition, workspace: string, result: StatementResult | undefined): LiveRow[] {
  if (result === undefined) return [];
  return result.rows.map((row) => {
    const values: Record<string, unknown> = {};
    result.columns.forEach((c, i) => {
      if (c.name !== def.serverParam) values[c.name] = cell(c.type, row[i]);
    });
    return { id: String(values[def.idField]), workspace, values };
  });
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
