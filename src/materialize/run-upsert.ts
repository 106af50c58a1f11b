// INSERT … ON CONFLICT end to end. The API has no upsert, so: list each workspace once, look each
// row's natural key up among the live rows, then create what is missing and — for DO UPDATE —
// patch what exists with only the fields that differ. Nothing is written until every row has been
// looked up, and a key that matches two live rows stops the statement: hookql never guesses.
// RETURNING gives the created, updated or existing row; the summary names what happened to each.

import { AmbiguousMatchError, PartialFailureError, isHookqlError, type HookqlError } from '../errors.js';
import { isPlainObject, jsonEqual, valueAtPath } from '../execute/object-path.js';
import type { ApiRequest, ConflictPlan, MutationPlan } from '../plan/types.js';
import { mapSettled } from '../util/concurrency.js';
import type { MutationDeps, MutationRows } from './run-mutation.js';
import { shapeRows } from './shape-rows.js';

type Decision =
  | { readonly kind: 'create'; readonly request: ApiRequest }
  | { readonly kind: 'skip'; readonly live: unknown; readonly workspace: string }
  | { readonly kind: 'unchanged'; readonly live: unknown; readonly workspace: string }
  | { readonly kind: 'update'; readonly live: unknown; readonly request: ApiRequest; readonly fields: readonly string[] };

export async function runUpsert(plan: MutationPlan, conflict: ConflictPlan, deps: MutationDeps): Promise<MutationRows> {
  const { live, fetched } = await listLive(conflict, deps);
  const decisions = plan.requests.map((request, i) => decide(plan, conflict, request, i, live.get(request.workspace) ?? [], deps));
  const writes = decisions.flatMap((d, i) => (d.kind === 'create' || d.kind === 'update' ? [{ d, i }] : []));
  const settled = await mapSettled(writes, plan.concurrency, ({ d }) => deps.executor.call(d.request, deps.signal));
  const written = new Map<number, unknown>();
  const failed: { label: string; error: HookqlError }[] = [];
  settled.forEach((s, n) => {
    const { d, i } = writes[n];
    if (s.status === 'fulfilled') written.set(i, d.kind === 'update' && !isPlainObject(s.value) ? d.live : s.value);
    else failed.push({ label: `${d.kind} on ${d.request.workspace}${d.kind === 'update' ? ` (${plan.idField} ${idOf(d.live, plan.idField)})` : ''}`, error: asHookqlError(s.reason) });
  });
  if (failed.length > 0) {
    if (decisions.length === 1) throw failed[0].error;
    throw new PartialFailureError(`${failed.length} of ${writes.length} writes failed:\n${failed.map((f) => `  ${f.label}: ${f.error.message}`).join('\n')}`, failed, {
      hint: 'the successful changes stay; run the statement again: rows that now exist are matched, not created twice',
    });
  }
  const results = decisions.map((d, i) => ({ value: d.kind === 'skip' || d.kind === 'unchanged' ? d.live : written.get(i), workspace: workspaceOf(d) }));
  const shaped = shapeRows(plan.returning, results);
  return { ...shaped, summary: summaryOf(plan, decisions, results.map((r) => r.value)), fetched };
}

async function listLive(conflict: ConflictPlan, deps: MutationDeps): Promise<{ live: Map<string, unknown[]>; fetched: number }> {
  const live = new Map<string, unknown[]>();
  let fetched = 0;
  await Promise.all(
    conflict.lists.map(async (list) => {
      const rows: unknown[] = [];
      for await (const page of deps.executor.pages(list, deps.signal)) rows.push(...page.items);
      fetched += rows.length;
      live.set(list.workspace, rows);
    }),
  );
  return { live, fetched };
}

function decide(plan: MutationPlan, conflict: ConflictPlan, request: ApiRequest, i: number, live: readonly unknown[], deps: MutationDeps): Decision {
  const row = conflict.rows[i];
  const matches = live.filter((l) => Object.entries(row.key).every(([path, v]) => jsonEqual(valueAtPath(l, path), v)));
  if (matches.length > 1) {
    const ids = matches.map((m) => idOf(m, conflict.idField));
    throw new AmbiguousMatchError(`${matches.length} live ${plan.summary.plural} in ${request.workspace} have this row's natural key (${conflict.key.join(', ')}): ${ids.join(', ')}`, {
      hint: `nothing was written; delete the extra one(s) (DELETE … WHERE ${conflict.idField} = '…') and run the statement again`,
    });
  }
  if (matches.length === 0) return { kind: 'create', request };
  const existing = matches[0];
  if (conflict.action === 'nothing' || conflict.updateMethod === null || deps.toUpdate === undefined) return { kind: 'skip', live: existing, workspace: request.workspace };
  const changed = changedInputs(row.set, existing, conflict.writeOnly);
  const fields = Object.keys(changed);
  if (fields.length === 0) return { kind: 'unchanged', live: existing, workspace: request.workspace };
  return { kind: 'update', live: existing, request: deps.toUpdate(request.workspace, idOf(existing, conflict.idField), changed), fields };
}

/**
 * The SET values that differ from the live row. Lists compare as sets (the API need not keep their
 * order); an object compares the properties the statement gives, except write-only ones (they are
 * never read back), and is sent whole when one differs — secrets and all, as the API replaces it.
 */
export function changedInputs(set: Readonly<Record<string, unknown>>, live: unknown, writeOnly: readonly string[]): Record<string, unknown> {
  const changed: Record<string, unknown> = {};
  for (const [name, want] of Object.entries(set)) {
    const have = valueAtPath(live, name);
    if (differs(name, want, have, writeOnly)) changed[name] = want;
  }
  return changed;
}

function differs(path: string, want: unknown, have: unknown, writeOnly: readonly string[]): boolean {
  if (writeOnly.includes(path)) return false;
  if (Array.isArray(want)) return !Array.isArray(have) || !sameSet(want, have);
  if (isPlainObject(want)) {
    if (!isPlainObject(have)) return true;
    return Object.entries(want).some(([k, v]) => differs(`${path}.${k}`, v, have[k], writeOnly));
  }
  return !jsonEqual(want, have);
}

function sameSet(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.every((x) => b.some((y) => jsonEqual(x, y))) && b.every((y) => a.some((x) => jsonEqual(x, y)));
}

const PAST = { create: 'created', update: 'updated', skip: 'skipped', unchanged: 'unchanged' } as const;

/** `1 <noun> created, 1 skipped` and one line per row: what happened to it and why. */
function summaryOf(plan: MutationPlan, decisions: readonly Decision[], values: readonly unknown[]): string {
  const counts = new Map<string, number>();
  for (const d of decisions) counts.set(PAST[d.kind], (counts.get(PAST[d.kind]) ?? 0) + 1);
  const parts = [...counts].map(([what, n], i) => (i === 0 ? `${n} ${n === 1 ? plan.summary.singular : plan.summary.plural} ${what}` : `${n} ${what}`));
  const lines = decisions.map((d, i) => `  ${PAST[d.kind].padEnd(9)} ${idOf(values[i], plan.idField)} (${workspaceOf(d)})${why(d, plan)}`);
  return [parts.join(', '), ...lines].join('\n');
}

function why(d: Decision, plan: MutationPlan): string {
  switch (d.kind) {
    case 'create':
      return '';
    case 'skip':
      return `: a ${plan.summary.singular} with this natural key exists (ON CONFLICT DO NOTHING)`;
    case 'unchanged':
      return ': already as DO UPDATE SET asks';
    case 'update':
      return `: ${d.fields.join(', ')}`;
  }
}

function workspaceOf(d: Decision): string {
  return d.kind === 'create' || d.kind === 'update' ? d.request.workspace : d.workspace;
}

function idOf(row: unknown, idField: string): string {
  const id = valueAtPath(row, idField);
  return id === undefined || id === null ? '?' : String(id);
}

function asHookqlError(e: unknown): HookqlError {
  if (isHookqlError(e)) return e;
  throw e; // not ours: a bug, let it surface as one
}
