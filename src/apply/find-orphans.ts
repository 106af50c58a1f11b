// Replacements. Live rows have no name, so when an entry's match key changes (a new job id, a new
// URL) the plan finds no row for it and plans a create — while the row it used to match stays live
// and keeps firing. That row is recognised here, without guessing: the one unclaimed live row in the
// same workspace and scope (the model, or none) whose other fields (events, status, …) all equal the
// entry's — only the key differs. Two candidates, or two entries for one row, pair nothing.

import type { ResourceDefinition } from '../definition/types.js';
import { same } from './diff-entry.js';
import type { DesiredEntry } from './manifest-types.js';
import type { FieldDiff, LiveRow } from './plan-types.js';
import { scopeField, valueAt, writeOnlyNames } from './resource-fields.js';

export interface Orphan {
  readonly entry: DesiredEntry;
  readonly row: LiveRow;
  /** How the entry's key differs from the row's: what changed to make them stop matching. */
  readonly keyDiffs: readonly FieldDiff[];
}

export function findOrphans(def: ResourceDefinition, creates: readonly DesiredEntry[], unclaimed: readonly LiveRow[]): Orphan[] {
  const scope = scopeField(def);
  const scopeOf = (values: unknown) => JSON.stringify(scope === undefined ? null : (valueAt(values, scope) ?? null));
  const picks = new Map<DesiredEntry, LiveRow>();
  for (const entry of creates) {
    const pick = unclaimed.filter((r) => r.workspace === entry.workspace && scopeOf(r.values) === scopeOf(entry.values) && sameOtherFields(def, entry, r));
    if (pick.length === 1) picks.set(entry, pick[0]);
  }
  // A row two entries would claim is nobody's replacement.
  const claims = new Map<LiveRow, number>();
  for (const row of picks.values()) claims.set(row, (claims.get(row) ?? 0) + 1);
  return [...picks]
    .filter(([, row]) => claims.get(row) === 1)
    .map(([entry, row]) => ({ entry, row, keyDiffs: keyDiffs(def, entry, row) }));
}

/** The entry's non-key, readable values all equal the row's. */
function sameOtherFields(def: ResourceDefinition, entry: DesiredEntry, row: LiveRow): boolean {
  const keyFields = new Set(def.naturalKey.map((p) => p.split('.')[0]));
  const secrets = writeOnlyNames(def);
  return Object.entries(entry.values)
    .filter(([name]) => !keyFields.has(name) && !secrets.has(name))
    .every(([name, v]) => (Array.isArray(v) && Array.isArray(row.values[name]) ? sameSet(v, row.values[name] as unknown[]) : same(v, row.values[name])));
}

function sameSet(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x) => b.some((y) => same(x, y)));
}

function keyDiffs(def: ResourceDefinition, entry: DesiredEntry, row: LiveRow): FieldDiff[] {
  return entry.match
    .filter((p) => p !== def.serverParam)
    .map((path) => ({ path, from: valueAt(row.values, path), to: valueAt(entry.values, path) }))
    .filter((d) => !same(d.from ?? null, d.to ?? null))
    .map((d) => ({ kind: 'changed', ...d }));
}
