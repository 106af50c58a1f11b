// After apply's creates: converge with runs on other machines that created the same entries at the
// same time. The local lock (util/advisory-lock.ts) serialises runs on one machine; across machines
// two runs can both plan "create" and both create. So, after its creates, a run reads each workspace
// again and, for each entry it created, looks at every live row with that entry's key. When it
// planned the create there was none, so every such row was made since — by this run or by a
// concurrent apply of the same entry. The earliest (by the definition's createdAtField, then id)
// survives; the run deletes the others.
//
// Why it converges: the earliest row of a key is never deleted (every run that sees it keeps it),
// and every later row is seen by its creator's listing, which comes after all of that run's creates
// — so it is deleted at the latest by its creator. Why not "only the row I created": after an
// ambiguous failure (a timeout, a dropped connection) a run cannot tell its own row from another
// run's, and the fault suite showed that rule leaving duplicates. Rows that existed before the plan
// are never touched (their entries were planned as updates or conflicts, not creates).
// A create that *failed* is converged too: a dropped connection can fail a create the service applied,
// and when that row is the later one, only its creator (this run) ever sees it as later — leaving it
// would leave a duplicate that the next plan stops on. Its outcome stays a failure (exit 1).
// docs/reliability.md states the residual window (two creates in the same millisecond, out of order).

import type { ResourceDefinition } from '../definition/types.js';
import { ApiError, isHookqlError } from '../errors.js';
import { statementFor } from './change-statements.js';
import type { Manifest } from './manifest-types.js';
import { describeKey, keyText, liveKeyIndex } from './match-key.js';
import type { LiveRow } from './plan-types.js';
import { readLiveState } from './read-live-state.js';
import type { ChangeOutcome } from './run-changes.js';
import type { RowLister, StatementRunner } from './statement-runner.js';

type Attempt = Extract<ChangeOutcome, { kind: 'done' | 'failed' }>;

export async function convergeCreates(
  runner: StatementRunner & RowLister,
  def: ResourceDefinition,
  manifest: Manifest,
  outcomes: readonly ChangeOutcome[],
  signal?: AbortSignal,
): Promise<ChangeOutcome[]> {
  const created = outcomes.filter((o): o is Attempt => o.change.kind === 'create' && ((o.kind === 'done' && o.id !== null) || o.kind === 'failed'));
  if (created.length === 0 || signal?.aborted) return [...outcomes];
  let live: Map<string, LiveRow[]>;
  try {
    live = await readLiveState(runner, def, [...new Set(created.map((o) => o.change.workspace))], signal, keyColumns(def, manifest));
  } catch (error) {
    // Created, but unverified: say so (exit 1), so a rerun — which plans from live state — can follow.
    const unverified = new Set<ChangeOutcome>(created.filter((o) => o.kind === 'done'));
    return outcomes.map((o) => (unverified.has(o) ? { kind: 'failed', change: o.change, error: checkFailed(error) } : o));
  }
  const matchOf = new Map(manifest.entries.map((e) => [e.name, e.match]));
  const index = liveKeyIndex(def, live);
  const mine = new Set<ChangeOutcome>(created);
  const result: ChangeOutcome[] = [];
  for (const o of outcomes) result.push(mine.has(o) ? await settle(runner, def, o as Attempt, index, matchOf, signal) : o);
  return result;
}

async function settle(
  runner: StatementRunner,
  def: ResourceDefinition,
  o: Attempt,
  index: ReturnType<typeof liveKeyIndex>,
  matchOf: ReadonlyMap<string, readonly string[]>,
  signal: AbortSignal | undefined,
): Promise<ChangeOutcome> {
  const change = o.change;
  if (change.kind !== 'create') return o;
  const match = matchOf.get(change.entry) ?? def.naturalKey;
  const key = keyText(def, match, change.workspace, change.values);
  const rows = [...(index(change.workspace, match).get(key) ?? [])].sort(byAge(def));
  const survivor = rows[0];
  if (survivor === undefined || rows.length === 1) return o;
  for (const extra of rows.slice(1)) {
    try {
      const s = statementFor(def, { kind: 'delete', workspace: change.workspace, id: extra.id, label: describeKey(def, match, change.values), values: change.values });
      await runner.run(s.sql, { vars: s.vars, signal });
    } catch (error) {
      // Already gone: the concurrent run converged it first.
      if (!isNotFound(error)) return o.kind === 'failed' ? o : { kind: 'failed', change, error };
    }
  }
  if (o.kind === 'failed') return o;
  const removed = rows.slice(1).map((r) => r.id).join(', ');
  return survivor.id === o.id ? { ...o, converged: { removed } } : { ...o, id: survivor.id, converged: { removed } };
}

function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.details.status === 404;
}

/** What telling duplicates apart needs: the id, the creation time and every entry's key fields. */
function keyColumns(def: ResourceDefinition, manifest: Manifest): string[] {
  const paths = manifest.entries.flatMap((e) => e.match).filter((p) => p !== def.serverParam);
  const top = paths.map((p) => p.split('.')[0]);
  return [...new Set([def.idField, ...(def.createdAtField === null ? [] : [def.createdAtField]), ...top])];
}

/** Earliest first: creation time (when the definition names its field), then id, as text. */
function byAge(def: ResourceDefinition): (a: LiveRow, b: LiveRow) => number {
  const at = (r: LiveRow) => {
    const v = def.createdAtField === null ? undefined : Number(r.values[def.createdAtField]);
    return v === undefined || !Number.isFinite(v) ? Number.POSITIVE_INFINITY : v;
  };
  return (a, b) => at(a) - at(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function checkFailed(error: unknown): unknown {
  if (isHookqlError(error)) error.message = `created, but the check for a duplicate made by a concurrent apply failed: ${error.message}`;
  return error;
}
