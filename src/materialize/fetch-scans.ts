// Fills the scratch tables of a query's scans from their (known) requests: many at once, at most
// `listings` in flight (the transport bounds the HTTP requests per host and overall below that).
// A failed workspace never hides and never stops the others: its rows are taken out again and its
// error is returned, so the caller names every failed workspace (fetch-waves.ts settles them). Only
// a cancellation or the deadline stops the rest. fetch-waves.ts calls it once per wave of scans.

import { CancelledError, DeadlineError, isHookqlError } from '../errors.js';
import type { Executor } from '../execute/types.js';
import type { QueryPlan } from '../plan/types.js';
import type { ScratchDb } from './scratch-db.js';
import { deleteRows, pageInserter, type RowRange } from './scratch-table.js';

export interface FetchDeps {
  readonly db: ScratchDb;
  readonly executor: Executor;
  /** Listings in flight at once (each one's pages are sequential). */
  readonly listings: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: FetchProgress) => void;
}

export interface FetchProgress {
  /** Rows stored so far. */
  readonly fetched: number;
  /** Requests finished, failed, running, and all of this call's. */
  readonly done: number;
  readonly failed: number;
  readonly inFlight: number;
  readonly total: number;
}

export interface Fetched {
  readonly fetched: number;
  /** The workspaces whose listing failed (the first error of each), in the order they failed. */
  readonly failed: ReadonlyMap<string, unknown>;
  /** Every workspace this call asked. */
  readonly workspaces: ReadonlySet<string>;
}

export async function fetchScans(plan: Pick<QueryPlan, 'scans'>, deps: FetchDeps): Promise<Fetched> {
  const tasks = plan.scans.flatMap((scan) => {
    const insert = pageInserter(deps.db, scan);
    return scan.requests.map((request) => ({ scan, request, insert }));
  });
  const workspaces = new Set(tasks.map((t) => t.request.workspace));
  const stop = new AbortController();
  const onOuterAbort = () => stop.abort(deps.signal?.reason);
  // An abort that came before this point (Ctrl-C during set-up) fires no event: check it too.
  if (deps.signal?.aborted) stop.abort(deps.signal.reason);
  deps.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const failed = new Map<string, unknown>();
  let stopping: { error: unknown } | null = null;
  let [fetched, done, inFlight, next] = [0, 0, 0, 0];
  const report = () => deps.onProgress?.({ fetched, done, failed: failed.size, inFlight, total: tasks.length });
  const worker = async () => {
    while (next < tasks.length && stopping === null) {
      const { scan, request, insert } = tasks[next++];
      const rows: RowRange[] = [];
      inFlight++;
      try {
        for await (const page of deps.executor.pages(request, stop.signal)) {
          const range = insert(page);
          rows.push(range);
          fetched += range.count;
          report();
        }
        done++;
      } catch (e) {
        if (isStop(e)) {
          // The first stop wins; cancellations it caused in other workers are noise.
          const current = stopping as { error: unknown } | null;
          if (current === null || (current.error instanceof CancelledError && !(e instanceof CancelledError))) stopping = { error: e };
          stop.abort();
        } else {
          // One workspace's failure is its own: its rows go, the others go on.
          if (!failed.has(request.workspace)) failed.set(request.workspace, e);
          fetched -= rows.reduce((n, r) => n + r.count, 0);
          deleteRows(deps.db, scan, rows);
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
  if (stopping !== null) throw (stopping as { error: unknown }).error;
  return { fetched, failed, workspaces };
}

function isStop(e: unknown): boolean {
  return e instanceof CancelledError || e instanceof DeadlineError || !isHookqlError(e);
}
