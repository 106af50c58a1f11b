// A MutationPlan end to end: the requests (known, or built from a row source), sent with bounded
// concurrency, and their responses shaped as the statement's RETURNING asks. Independent writes
// all run even when some fail; then the failures are reported together, never hidden.

import { mapSettled } from '../util/concurrency.js';
import { isHookqlError, PartialFailureError, type HookqlError } from '../errors.js';
import type { Executor } from '../execute/types.js';
import type { ApiRequest, MutationPlan } from '../plan/types.js';
import type { CellValue, ResultColumn } from '../result.js';
import { runQuery, type QueryDeps } from './run-query.js';
import { runUpsert } from './run-upsert.js';
import { shapeRows } from './shape-rows.js';

export interface MutationDeps extends QueryDeps {
  /** Builds the request for one row of a row source (validated like literal rows). */
  readonly toRequest: (row: Readonly<Record<string, unknown>>, positional: readonly unknown[]) => ApiRequest;
  /** ON CONFLICT DO UPDATE: the update request for a live row (validated like an UPDATE's). */
  readonly toUpdate?: (workspace: string, id: string, values: Readonly<Record<string, unknown>>) => ApiRequest;
}

export interface MutationRows {
  readonly columns: ResultColumn[];
  readonly rows: CellValue[][];
  readonly summary: string | null;
  readonly fetched: number;
}

export async function runMutation(plan: MutationPlan, deps: MutationDeps): Promise<MutationRows> {
  if (plan.conflict !== null) return runUpsert(plan, plan.conflict, deps);
  const { requests, fetched } = plan.source === null ? { requests: plan.requests, fetched: 0 } : await requestsOf(plan, deps);
  // One request (a one-row INSERT, each of apply's creates): its failure is the statement's, as below.
  const settled =
    requests.length === 1
      ? [{ status: 'fulfilled' as const, value: await deps.executor.call(requests[0], deps.signal) }]
      : await mapSettled(requests, plan.concurrency, (r) => deps.executor.call(r, deps.signal));
  const done = settled.flatMap((s, i) => (s.status === 'fulfilled' ? [{ request: requests[i], value: s.value }] : []));
  const failed = settled.flatMap((s, i) => (s.status === 'rejected' ? [{ request: requests[i], error: s.reason as unknown }] : []));
  const count = (n: number) => `${n} ${n === 1 ? plan.summary.singular : plan.summary.plural}`;
  if (failed.length > 0) {
    if (requests.length === 1) throw failed[0].error;
    const failures = failed.map((f) => ({ label: labelOf(f.request, plan.idField), error: asHookqlError(f.error) }));
    throw new PartialFailureError(
      `${count(done.length)} ${plan.summary.pastTense}, ${failed.length} of ${requests.length} failed:\n` +
        failures.map((f) => `  ${f.label}: ${f.error.message}`).join('\n'),
      failures,
      { hint: 'the successful changes stay; fix the cause and run the statement again for the failed ones' },
    );
  }
  const shaped = shapeRows(plan.returning, done.map((d) => ({ value: d.value, workspace: d.request.workspace })));
  return { ...shaped, summary: shaped.columns.length === 0 ? summaryOf(plan, done.map((d) => d.request), count) : null, fetched };
}

/**
 * `2 <plural noun> deleted`; a write that found its rows by condition also names each row it wrote, so
 * the user sees exactly what a `WHERE status = …` touched.
 */
function summaryOf(plan: MutationPlan, written: readonly ApiRequest[], count: (n: number) => string): string {
  const head = `${count(written.length)} ${plan.summary.pastTense}`;
  if (plan.source?.mapping !== 'by-name') return head;
  if (written.length === 0) return `${head} (no ${plan.summary.singular} matched the WHERE)`;
  return [`${head}:`, ...written.map((r) => `  ${plan.summary.pastTense} ${idOf(r, plan.idField) ?? '?'} (${r.workspace})`)].join('\n');
}

async function requestsOf(plan: MutationPlan, deps: MutationDeps): Promise<{ requests: ApiRequest[]; fetched: number }> {
  if (plan.source === null) return { requests: [...plan.requests], fetched: 0 };
  const source = plan.source;
  const result = await runQuery(source.query, deps);
  const names = result.columns.map((c) => c.name);
  // Build (and so validate) every request before sending the first one.
  const requests = result.rows.map((row) => {
    const byName: Record<string, unknown> = { ...source.constants };
    names.forEach((n, i) => {
      if (source.mapping === 'by-name' && source.columns.includes(n)) byName[n] = row[i];
    });
    return deps.toRequest(byName, row);
  });
  return { requests, fetched: result.fetched };
}

function idOf(request: ApiRequest, idField: string): string | undefined {
  const id = request.body?.[idField] ?? request.query.find(([k]) => k === idField)?.[1];
  return id === undefined ? undefined : String(id);
}

function labelOf(request: ApiRequest, idField: string): string {
  const id = idOf(request, idField);
  return `${request.method} on ${request.workspace}${id !== undefined ? ` (id ${id})` : ''}`;
}

function asHookqlError(e: unknown): HookqlError {
  if (isHookqlError(e)) return e;
  throw e; // not ours: a bug, let it surface as one
}
