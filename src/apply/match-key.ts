// The key that pairs a manifest entry with a live row. Live rows have no name, so identity is a set
// of field values: by default the definition's natural key (today: workspace, model or none for
// registry-wide, target URL or job id + job workspace URL).

import type { ResourceDefinition } from '../definition/types.js';
import type { DesiredEntry } from './manifest-types.js';
import type { LiveRow } from './plan-types.js';
import { valueAt } from './resource-fields.js';

/**
 * A comparable text for the values at `paths`; absent values count as null (registry-wide = no model).
 * A list in a key (`match: [.., events]`) is compared as a set: the API need not keep its order.
 */
export function keyText(def: ResourceDefinition, paths: readonly string[], workspace: string, values: unknown): string {
  return JSON.stringify(paths.map((p) => (p === def.serverParam ? workspace : asSet(valueAt(values, p) ?? null))));
}

function asSet(v: unknown): unknown {
  return Array.isArray(v) ? v.map((x) => JSON.stringify(x)).sort() : v;
}

export function entryKey(def: ResourceDefinition, entry: DesiredEntry): string {
  // Asked by the duplicate check and again by the plan: entries are immutable, so spelled once.
  let key = entryKeys.get(entry);
  if (key === undefined) entryKeys.set(entry, (key = keyText(def, entry.match, entry.workspace, entry.values)));
  return key;
}

const entryKeys = new WeakMap<DesiredEntry, string>();

/** `model_name=churn, http_url_spec.url=https://…` — the key's non-absent parts, for messages. */
export function describeKey(def: ResourceDefinition, paths: readonly string[], values: unknown): string {
  const parts = paths
    .filter((p) => p !== def.serverParam)
    .map((p) => [p, valueAt(values, p)] as const)
    .filter(([, v]) => v !== undefined)
    .map(([p, v]) => `${p}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  return parts.length > 0 ? parts.join(', ') : '(no key fields)';
}

/** Live rows by (workspace, match fields) and key text; each index is built once, so thousands of entries stay linear. */
export function liveKeyIndex(def: ResourceDefinition, live: ReadonlyMap<string, readonly LiveRow[]>): (workspace: string, match: readonly string[]) => ReadonlyMap<string, readonly LiveRow[]> {
  // By workspace, then by the match list's spelling (asked once per entry: entries without their own
  // match share one list, so its spelling is kept per list).
  const cache = new Map<string, Map<string, Map<string, LiveRow[]>>>();
  const spellings = new Map<readonly string[], string>();
  return (workspace, match) => {
    let id = spellings.get(match);
    if (id === undefined) spellings.set(match, (id = JSON.stringify(match)));
    let byList = cache.get(workspace);
    if (byList === undefined) cache.set(workspace, (byList = new Map()));
    let byKey = byList.get(id);
    if (byKey === undefined) {
      byKey = new Map();
      for (const row of live.get(workspace) ?? []) {
        const key = keyText(def, match, workspace, row.values);
        const rows = byKey.get(key);
        if (rows === undefined) byKey.set(key, [row]);
        else rows.push(row);
      }
      byList.set(id, byKey);
    }
    return byKey;
  };
}
