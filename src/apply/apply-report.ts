// What an apply did, counted and explained: the summary at the end of every apply, and one line per
// change when there is no terminal for a progress bar. Conflicts from the plan count as failures:
// they were not applied, and the run must say so. Changes never started (Ctrl-C, or a replacement
// whose new entry failed) are counted apart: nothing was tried, so nothing "failed".

import { isHookqlError } from '../errors.js';
import { terminalSafe } from '../util/terminal-text.js';
import type { ApplicableChange } from './change-statements.js';
import type { ApplyPlan } from './plan-types.js';
import { INTERRUPTED, type ChangeOutcome } from './run-changes.js';

export interface ApplyFailure {
  readonly label: string;
  readonly workspace: string;
  readonly code: string;
  readonly message: string;
}

export interface ApplySummary {
  readonly created: number;
  readonly updated: number;
  readonly deleted: number;
  readonly unchanged: number;
  readonly failed: number;
  readonly failures: readonly ApplyFailure[];
  /** Changes not started; each reason once with its count. */
  readonly notStarted: number;
  readonly notStartedReasons: readonly { readonly reason: string; readonly count: number }[];
}

const PAST: Record<ApplicableChange['kind'], 'created' | 'updated' | 'deleted'> = { create: 'created', update: 'updated', delete: 'deleted' };

export function summarize(plan: ApplyPlan, outcomes: readonly ChangeOutcome[]): ApplySummary {
  const counts = { created: 0, updated: 0, deleted: 0 };
  const failures: ApplyFailure[] = [];
  const reasons = new Map<string, number>();
  for (const o of outcomes) {
    if (o.kind === 'done') counts[PAST[o.change.kind]] += 1;
    else if (o.kind === 'skipped') reasons.set(notStartedReason(o.error), (reasons.get(notStartedReason(o.error)) ?? 0) + 1);
    else failures.push({ label: labelOf(o.change), workspace: o.change.workspace, ...describe(o.error) });
  }
  for (const c of plan.changes) {
    if (c.kind === 'conflict') failures.push({ label: c.entry, workspace: c.workspace, code: 'CONFLICT', message: c.reason });
  }
  const unchanged = plan.changes.filter((c) => c.kind === 'unchanged').length;
  const notStartedReasons = [...reasons].map(([reason, count]) => ({ reason, count }));
  return { ...counts, unchanged, failed: failures.length, failures, notStarted: notStartedReasons.reduce((n, r) => n + r.count, 0), notStartedReasons };
}

function notStartedReason(error: unknown): string {
  return describe(error).message.replace(/^not started: /, '');
}

export function renderSummary(s: ApplySummary, noun: { singular: string; plural: string }): string {
  const interrupted = s.notStartedReasons.some((r) => r.reason === INTERRUPTED);
  const state = interrupted ? 'Apply interrupted' : s.failed > 0 ? 'Apply finished with failures' : s.notStarted > 0 ? 'Apply stopped' : 'Apply complete';
  const notStarted = s.notStarted > 0 ? `, ${s.notStarted} not started` : '';
  const head = `${state}: ${s.created} created, ${s.updated} updated, ${s.deleted} deleted, ${s.unchanged} unchanged, ${s.failed} failed${notStarted}.`;
  const lines = [
    head,
    ...s.failures.map((f) => `  ✗ ${f.label} (${f.workspace}): [${f.code}] ${f.message}`),
    ...s.notStartedReasons.map((r) => `  - ${r.count} not started: ${r.reason}`),
  ];
  if (s.failed > 0 || s.notStarted > 0) lines.push(`Run apply again to retry: it plans from the live state, so finished changes are not repeated and no duplicate ${noun.singular} is created.`);
  return terminalSafe(lines.join('\n') + '\n');
}

/** `created  prod-hook  (local) id 4f…` / `failed   prod-hook  (local): …` */
export function outcomeLine(o: ChangeOutcome): string {
  return terminalSafe(rawOutcomeLine(o));
}

function rawOutcomeLine(o: ChangeOutcome): string {
  const where = `${labelOf(o.change)}  (${o.change.workspace})`;
  // A delete is already labelled by its id.
  if (o.kind === 'done') {
    const id = o.id !== null && o.change.kind !== 'delete' ? ` id ${o.id}` : '';
    const note = o.converged ? ` (a concurrent apply created it too; removed the later duplicate ${o.converged.removed})` : '';
    return `${PAST[o.change.kind].padEnd(8)} ${where}${id}${note}`;
  }
  if (o.kind === 'skipped') return `not started ${where}: ${notStartedReason(o.error)}`;
  const { code, message } = describe(o.error);
  return `${'failed'.padEnd(8)} ${where}: [${code}] ${message}`;
}

export function labelOf(change: ApplicableChange): string {
  return change.kind === 'delete' ? change.id : change.entry;
}

function describe(error: unknown): { code: string; message: string } {
  if (isHookqlError(error)) return { code: error.code, message: error.message.split('\n')[0] };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}
