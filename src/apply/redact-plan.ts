// The plan as data for `-o json` and for rendering, with every write-only value replaced by ***.
// Two layers: by key (the definition's write-only property names, wherever they appear) and by value
// (every secret the manifest resolved, in case one also appears somewhere else).

import type { ResourceDefinition } from '../definition/types.js';
import { redactKeys, redactText } from '../util/redact.js';
import { countByKind, type ApplyPlan, type Change } from './plan-types.js';
import { writeOnlyNames } from './resource-fields.js';

export const WRITE_ONLY_NOTE = 'write-only: cannot be compared';

export function redactedPlan(def: ResourceDefinition, plan: ApplyPlan, secrets: readonly string[]): ApplyPlan {
  const byKey = redactKeys(plan, writeOnlyNames(def));
  return JSON.parse(redactText(JSON.stringify(byKey), secrets)) as ApplyPlan;
}

/**
 * The plan as renderPlan prints it, redacted as redactedPlan redacts it. Without `verbose`, unchanged
 * entries are only counted (renderPlan prints one line: how many, and how many have write-only
 * values), so they are not copied and redacted: each becomes a stand-in that keeps its kind and its
 * write-only notes (definition paths, no values) and nothing from the manifest or the live row.
 * A plan of 950 unchanged entries and 50 updates redacts 50 changes, not 1,000.
 */
export function displayedPlan(def: ResourceDefinition, plan: ApplyPlan, secrets: readonly string[], verbose: boolean): ApplyPlan {
  if (verbose) return redactedPlan(def, plan, secrets);
  const shown = redactedPlan(def, { ...plan, changes: plan.changes.filter((c) => c.kind !== 'unchanged') }, secrets);
  let next = 0;
  const changes = plan.changes.map((c): Change => (c.kind === 'unchanged' ? { kind: 'unchanged', entry: '', at: '', workspace: '', id: '', diffs: c.diffs } : shown.changes[next++]));
  return { ...shown, changes };
}

/** The JSON document `plan -o json` prints (snake_case keys, like the API's). */
export function planDocument(def: ResourceDefinition, plan: ApplyPlan, secrets: readonly string[]): Record<string, unknown> {
  const safe = redactedPlan(def, plan, secrets);
  return {
    file: safe.file,
    resource: safe.resource,
    workspaces: safe.workspaces,
    prune: safe.prune,
    rotate_secrets: safe.rotateSecrets,
    pending: safe.changes.some((c) => c.kind === 'create' || c.kind === 'update' || c.kind === 'delete'),
    summary: countByKind(safe),
    changes: safe.changes.map((c) =>
      'diffs' in c ? { ...c, diffs: c.diffs.map((d) => (d.kind === 'write-only' ? { ...d, value: '***', note: WRITE_ONLY_NOTE } : d)) } : c,
    ),
  };
}
