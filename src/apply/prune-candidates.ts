// Which live rows `--prune` may delete. Never anything outside the workspaces the manifest names:
// there the manifest is the whole desired state. `--prune-scope models` narrows that to the models
// the manifest's entries name (and registry-wide rows only where it has a registry-wide entry).

import type { ResourceDefinition } from '../definition/types.js';
import type { DesiredEntry } from './manifest-types.js';
import type { LiveRow, PruneMode } from './plan-types.js';
import { scopeField, valueAt } from './resource-fields.js';

export function pruneCandidates(def: ResourceDefinition, entries: readonly DesiredEntry[], live: ReadonlyMap<string, readonly LiveRow[]>, mode: PruneMode): LiveRow[] {
  if (mode === 'off') return [];
  const workspaces = new Set(entries.map((e) => e.workspace));
  const rows = [...live.entries()].filter(([ws]) => workspaces.has(ws)).flatMap(([, r]) => r);
  if (mode === 'workspaces') return rows;
  const field = scopeField(def);
  if (field === undefined) return [];
  // Scope values per workspace; `null` stands for "absent" (a registry-wide entry).
  const scopes = new Set(entries.map((e) => scopeKey(e.workspace, valueAt(e.values, field))));
  return rows.filter((r) => scopes.has(scopeKey(r.workspace, valueAt(r.values, field))));
}

function scopeKey(workspace: string, value: unknown): string {
  return JSON.stringify([workspace, value ?? null]);
}
