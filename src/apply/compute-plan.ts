// Manifest + live rows → the plan of changes. Pure: the same inputs always give the same plan, which
// is what makes `plan` and `apply --dry-run` trustworthy and apply idempotent (a second run finds
// every entry matched and unchanged). Ambiguity is never guessed: an entry whose key matches two live
// rows, or a live row claimed by two entries, becomes a conflict naming the ids.

import type { ResourceDefinition } from '../definition/types.js';
import { diffEntry } from './diff-entry.js';
import type { DesiredEntry, Manifest } from './manifest-types.js';
import { describeKey, entryKey, liveKeyIndex } from './match-key.js';
import type { ApplyPlan, Change, LiveRow, PruneMode } from './plan-types.js';
import { inputNames, methodFor } from './resource-fields.js';
import { pruneCandidates } from './prune-candidates.js';
import { findOrphans } from './find-orphans.js';
import { sqlString } from './sql-literal.js';

export interface PlanOptions {
  readonly prune: PruneMode;
  readonly rotateSecrets: boolean;
}

export function computePlan(def: ResourceDefinition, manifest: Manifest, live: ReadonlyMap<string, readonly LiveRow[]>, options: PlanOptions): ApplyPlan {
  const candidates = new Map<DesiredEntry, readonly LiveRow[]>();
  const claims = new Map<string, DesiredEntry[]>();
  const index = liveKeyIndex(def, live);
  for (const entry of manifest.entries) {
    const rows = index(entry.workspace, entry.match).get(entryKey(def, entry)) ?? [];
    candidates.set(entry, rows);
    for (const r of rows) {
      const ref = rowRef(r);
      const claimed = claims.get(ref);
      if (claimed === undefined) claims.set(ref, [entry]);
      else claimed.push(entry);
    }
  }
  let changes: Change[] = manifest.entries.map((entry) => changeFor(def, entry, candidates.get(entry) ?? [], claims, options));
  // Rows any entry's key points at are never pruned, even when that entry is in conflict.
  const touched = new Set(claims.keys());
  for (const row of pruneCandidates(def, manifest.entries, live, options.prune)) {
    if (!touched.has(rowRef(row))) {
      changes.push({ kind: 'delete', workspace: row.workspace, id: row.id, label: describeKey(def, def.naturalKey, row.values), values: row.values });
    }
  }
  changes = markReplacements(def, manifest, live, touched, changes);
  return {
    kind: 'apply-plan',
    file: manifest.file,
    resource: def.id,
    noun: def.noun,
    workspaces: [...new Set(manifest.entries.map((e) => e.workspace))],
    prune: options.prune,
    rotateSecrets: options.rotateSecrets,
    changes,
  };
}

function changeFor(def: ResourceDefinition, entry: DesiredEntry, rows: readonly LiveRow[], claims: ReadonlyMap<string, DesiredEntry[]>, options: PlanOptions): Change {
  const ref = { entry: entry.name, at: entry.at, workspace: entry.workspace };
  if (rows.length === 0) return { kind: 'create', ...ref, values: entry.values };
  const noun = def.noun.plural;
  if (rows.length > 1) {
    const ids = rows.map((r) => r.id);
    return { kind: 'conflict', ...ref, ids, reason: `${rows.length} live ${noun} have this entry's key (${entry.match.join(', ')}): ${ids.join(', ')} — delete the extra one(s), or set match: to tell them apart` };
  }
  const row = rows[0];
  const rivals = (claims.get(rowRef(row)) ?? []).filter((e) => e !== entry);
  if (rivals.length > 0) {
    return { kind: 'conflict', ...ref, ids: [row.id], reason: `live ${def.noun.singular} ${row.id} is also matched by entry ${rivals.map((e) => `'${e.name}'`).join(', ')} — make their match keys distinct` };
  }
  const { diffs, send } = diffEntry(def, entry.values, row, options.rotateSecrets);
  if (send.length === 0) return { kind: 'unchanged', ...ref, id: row.id, diffs };
  const updatable = inputNames(def, methodFor(def, 'update'));
  const fixed = send.filter((name) => !updatable.includes(name));
  if (fixed.length > 0) {
    return { kind: 'conflict', ...ref, ids: [row.id], reason: `${fixed.join(', ')} cannot be changed on a live ${def.noun.singular} (${row.id}); delete it, or include ${fixed.join(', ')} in match: so a new one is created` };
  }
  return { kind: 'update', ...ref, id: row.id, diffs, set: Object.fromEntries(send.map((n) => [n, entry.values[n]])) };
}

/** Creates whose entry used to match a live row no entry claims now (its key changed): see find-orphans.ts. */
function markReplacements(def: ResourceDefinition, manifest: Manifest, live: ReadonlyMap<string, readonly LiveRow[]>, touched: ReadonlySet<string>, changes: Change[]): Change[] {
  const workspaces = new Set(manifest.entries.map((e) => e.workspace));
  const unclaimed = [...live].filter(([ws]) => workspaces.has(ws)).flatMap(([, rows]) => rows.filter((r) => !touched.has(rowRef(r))));
  const creates = manifest.entries.filter((e, i) => changes[i]?.kind === 'create');
  const orphans = new Map(findOrphans(def, creates, unclaimed).map((o) => [o.entry.name + '\0' + o.entry.workspace, o]));
  if (orphans.size === 0) return changes;
  const deleted = new Set(changes.flatMap((c) => (c.kind === 'delete' ? [rowRef(c)] : [])));
  const replacedBy = new Map<string, string>();
  const marked = changes.map((c): Change => {
    const o = c.kind === 'create' ? orphans.get(c.entry + '\0' + c.workspace) : undefined;
    if (c.kind !== 'create' || o === undefined) return c;
    const pruned = deleted.has(rowRef(o.row));
    if (pruned) replacedBy.set(rowRef(o.row), c.entry);
    const deleteSql = `DELETE FROM ${def.id} WHERE ${def.serverParam} = ${sqlString(o.row.workspace)} AND ${def.idField} = ${sqlString(o.row.id)};`;
    return { ...c, replaces: { id: o.row.id, label: describeKey(def, def.naturalKey, o.row.values), keyDiffs: o.keyDiffs, pruned, deleteSql } };
  });
  return marked.map((c) => (c.kind === 'delete' && replacedBy.has(rowRef(c)) ? { ...c, replacedBy: replacedBy.get(rowRef(c)) } : c));
}

function rowRef(row: { readonly workspace: string; readonly id: string }): string {
  // Asked a few times per entry; a NUL never occurs in a workspace URL or an id.
  return `${row.workspace}\u0000${row.id}`;
}
