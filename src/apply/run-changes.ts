// Runs a plan's statements: up to `concurrency` at a time per workspace, every workspace at once.
// A failed change never stops the others; each one ends as an outcome, and an interrupted run
// (abort signal) marks what it did not start. Re-running apply converges: the next plan starts from
// whatever the live state is by then.

import { mapSettled } from '../util/concurrency.js';
import { CancelledError, type HookqlError } from '../errors.js';
import type { ResourceDefinition } from '../definition/types.js';
import type { ApplicableChange, ChangeStatement } from './change-statements.js';
import type { StatementRunner } from './statement-runner.js';
import { firstRowId } from './read-live-state.js';
import type { StatementResult } from '../result.js';

export const INTERRUPTED = 'apply was interrupted (Ctrl-C)';
const INTERRUPTED_IN_FLIGHT = 'interrupted in flight (Ctrl-C): it may or may not have been applied; apply again to converge';

export type ChangeOutcome =
  | {
      readonly kind: 'done';
      readonly change: ApplicableChange;
      readonly id: string | null;
      /** A concurrent apply created the same entry too: the later rows (`removed`, ids) were deleted; `id` is the survivor. */
      readonly converged?: { readonly removed: string };
    }
  | { readonly kind: 'failed'; readonly change: ApplicableChange; readonly error: unknown }
  | { readonly kind: 'skipped'; readonly change: ApplicableChange; readonly error: HookqlError };

export interface RunChangesOptions {
  readonly concurrency: number;
  readonly signal?: AbortSignal;
  /** Called as each change finishes (progress bars, per-change lines). */
  readonly onOutcome?: (outcome: ChangeOutcome) => void;
}

export async function runChanges(
  runner: StatementRunner,
  def: ResourceDefinition,
  statements: readonly ChangeStatement[],
  options: RunChangesOptions,
): Promise<ChangeOutcome[]> {
  // A replaced row is deleted only once the entry replacing it was created: never left with neither.
  const isReplaced = (s: ChangeStatement) => s.change.kind === 'delete' && s.change.replacedBy !== undefined;
  const first = await runGroup(runner, def, statements.filter((s) => !isReplaced(s)), options);
  const created = new Set(first.flatMap((o) => (o.kind === 'done' && o.change.kind === 'create' ? [JSON.stringify([o.change.workspace, o.change.entry])] : [])));
  const ready = statements.filter((s) => isReplaced(s) && s.change.kind === 'delete' && created.has(JSON.stringify([s.change.workspace, s.change.replacedBy])));
  const held = statements.filter((s) => isReplaced(s) && !ready.includes(s)).map((s): ChangeOutcome => {
    const outcome: ChangeOutcome = { kind: 'skipped', change: s.change, error: new CancelledError(`not started: the entry replacing it was not created`) };
    options.onOutcome?.(outcome);
    return outcome;
  });
  const outcomes = [...first, ...(await runGroup(runner, def, ready, options)), ...held];
  const order = new Map(statements.map((s, i) => [s.change, i]));
  return outcomes.sort((a, b) => (order.get(a.change) ?? 0) - (order.get(b.change) ?? 0));
}

async function runGroup(runner: StatementRunner, def: ResourceDefinition, statements: readonly ChangeStatement[], options: RunChangesOptions): Promise<ChangeOutcome[]> {
  const run = preparing(runner);
  const byWorkspace = new Map<string, ChangeStatement[]>();
  for (const s of statements) {
    const group = byWorkspace.get(s.change.workspace);
    if (group === undefined) byWorkspace.set(s.change.workspace, [s]);
    else group.push(s);
  }
  const groups = await Promise.all(
    [...byWorkspace.values()].map((group) => mapSettled(group, options.concurrency, (s) => runOne(run, def, s, options))),
  );
  // mapSettled never rejects per item (runOne catches), so every result is fulfilled.
  return groups.flat().map((r) => (r as PromiseFulfilledResult<ChangeOutcome>).value);
}

/** Runs one change's statement. */
type Runner = (s: ChangeStatement, signal: AbortSignal | undefined) => Promise<StatementResult[]>;

/** Runs a change's prepared form when the runner can prepare: one parse per template, not per change. */
function preparing(runner: StatementRunner): Runner {
  const templates = new Map<string, ReturnType<NonNullable<StatementRunner['prepare']>>>();
  return (s, signal) => {
    if (s.prepared === undefined || runner.prepare === undefined) return runner.run(s.sql, { vars: s.vars, signal });
    let template = templates.get(s.prepared.sql);
    if (template === undefined) templates.set(s.prepared.sql, (template = runner.prepare(s.prepared.sql)));
    return template.run(s.prepared.params, { signal });
  };
}

async function runOne(runner: Runner, def: ResourceDefinition, s: ChangeStatement, options: RunChangesOptions): Promise<ChangeOutcome> {
  let outcome: ChangeOutcome;
  if (options.signal?.aborted) {
    outcome = { kind: 'skipped', change: s.change, error: new CancelledError(`not started: ${INTERRUPTED}`) };
  } else {
    try {
      const results = await runner(s, options.signal);
      // A create's id is the one its RETURNING row holds (what readLiveState would read from it).
      outcome = { kind: 'done', change: s.change, id: s.change.kind === 'create' ? firstRowId(def, results[0]) : s.change.id };
    } catch (error) {
      // Cut off by Ctrl-C while in flight: whether the API applied it is unknown, and a re-run finds out.
      const cut = options.signal?.aborted === true && error instanceof CancelledError;
      outcome = { kind: 'failed', change: s.change, error: cut ? new CancelledError(INTERRUPTED_IN_FLIGHT, { cause: error }) : error };
    }
  }
  options.onOutcome?.(outcome);
  return outcome;
}
