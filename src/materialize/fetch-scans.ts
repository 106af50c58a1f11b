// Fills the scratch tables of a query: every request of every scan, many workspaces at once (the
// transport bounds the HTTP requests per host and overall). A failed workspace never hides: by
// default the statement fails naming every failed workspace; with `partial` the healthy
// workspaces' rows are kept, the failed one's rows are removed, and the failures are returned.

import { CancelledError, DeadlineError, WorkspacesFailedError, isHookqlError } from '../errors.js';
import type { Executor } from '../execute/types.js';
import type { QueryPlan } from '../plan/types.js';
import type { WorkspaceFailure } from '../result.js';
import { type ScratchDb } from './scratch-db.js';
import { deleteRows, pageInserter, type RowRange } from './scratch-table.js';

export interface FetchDeps {
  readonly db: ScratchDb;
  readonly executor: Executor;
  /** Listings in flight at once (each one's pages are sequential); HTTP itself is bounded below. */
  readonly listings: number;
  readonly signal?: AbortSignal;
  readonly partial?: boolean;
  readonly onProgress?: (p: FetchProgress) => void;
}

export interface FetchProgress {
  readonly fetched: number;
  readonly done: number;
  readonly failed: number;
  readonly inFlight: number;
  readonly total: number;
}

export interface Fetched {
  readonly fetched: number;
  readonly failures: readonly WorkspaceFailure[];
}

export async function fetchScans(plan: QueryPlan, deps: FetchDeps): Promise<Fetched> {
  const tasks = plan.scans.flatMap((scan) => {
    const insert = pageInserter(deps.db, scan);
    return scan.requests.map((request) => ({ scan, request, insert, rows: [] as RowRange[] }));
  });
  const workspaces = new Set(tasks.map((t) => t.request.workspace));
  const stop = new AbortController();
  const onOuterAbort = () => stop.abort(deps.signal?.reason);
  // An abort that came before this point (Ctrl-C during set-up) fires no event: check it too.
  if (deps.signal?.aborted) stop.abort(deps.signal.reason);
  deps.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const failed = new Map<string, unknown>();
  let stopping: unknown = null;
  let fetched = 0;
  let inFlight = 0;
  let done = 0;
  let next = 0;
  const report = () => deps.onProgress?.({ fetched, done, failed: failed.size, inFlight, total: tasks.length });
  const worker = async () => {
    while (next < tasks.length && stopping === null) {
      const task = tasks[next++];
      // Reported from the first page on: until then the spinner's "running… (Ctrl-C cancels)" says more.
      inFlight++;
      try {
        for await (const page of deps.executor.pages(task.request, stop.signal)) {
          const range = task.insert(page);
          task.rows.push(range);
          fetched += range.count;
          report();
        }
        done++;
      } catch (e) {
        if (isStop(e)) {
          // A cancellation or the deadline stops the statement; cancellations it caused are noise.
          const current = stopping as unknown;
          if (current === null || (current instanceof CancelledError && !(e instanceof CancelledError))) stopping = e;
          stop.abort();
        } else {
          // One workspace's failure is its own: the others go on, so that every failure is named.
          if (!failed.has(task.request.workspace)) failed.set(task.request.workspace, e);
          fetched -= task.rows.reduce((n, r) => n + r.count, 0);
          deleteRows(deps.db, task.scan, task.rows);
        }
      } finally {
        inFlight--;
        report();
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(deps.listings, tasks.length)) }, worker));
  } finally {
    deps.signal?.removeEventListener('abort', onOuterAbort);
  }
  if (stopping !== null) throw stopping;
  if (failed.size === 0) return { fetched, failures: [] };
  // A statement over one workspace fails with that workspace's own error, as it always has.
  if (workspaces.size === 1 && !deps.partial) throw [...failed.values()][0];
  const failures = [...failed].map(([workspace, error]) => describe(workspace, error));
  if (!deps.partial) throw new WorkspacesFailedError(failures, workspaces.size, [...failed.values()][0]);
  return { fetched, failures };
}

function isStop(e: unknown): boolean {
  return e instanceof CancelledError || e instanceof DeadlineError || !isHookqlError(e);
}

function describe(workspace: string, error: unknown): WorkspaceFailure {
  return isHookqlError(error)
    ? { workspace, code: error.code, message: error.message, hint: error.hint ?? null }
    : { workspace, code: 'INTERNAL', message: String(error), hint: null };
}
