// Fills the scratch tables of a query's scans from their (known) requests: many at once, at most
// `listings` in flight (the transport bounds the HTTP requests below that); the first failure stops
// the rest. fetch-waves.ts calls it once per wave of scans whose requests are known.

import { CancelledError } from '../errors.js';
import type { Executor } from '../execute/types.js';
import type { QueryPlan } from '../plan/types.js';
import type { ScratchDb } from './scratch-db.js';
import { pageInserter } from './scratch-table.js';

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
}

export async function fetchScans(plan: Pick<QueryPlan, 'scans'>, deps: FetchDeps): Promise<Fetched> {
  const tasks = plan.scans.flatMap((scan) => {
    const insert = pageInserter(deps.db, scan);
    return scan.requests.map((request) => ({ request, insert }));
  });
  const stop = new AbortController();
  const onOuterAbort = () => stop.abort(deps.signal?.reason);
  // An abort that came before this point (Ctrl-C during set-up) fires no event: check it too.
  if (deps.signal?.aborted) stop.abort(deps.signal.reason);
  deps.signal?.addEventListener('abort', onOuterAbort, { once: true });
  let failure: { error: unknown } | null = null;
  let [fetched, done, inFlight, next] = [0, 0, 0, 0];
  const report = () => deps.onProgress?.({ fetched, done, failed: failure === null ? 0 : 1, inFlight, total: tasks.length });
  const worker = async () => {
    while (next < tasks.length && failure === null) {
      const { request, insert } = tasks[next++];
      inFlight++;
      try {
        for await (const page of deps.executor.pages(request, stop.signal)) {
          fetched += insert(page);
          report();
        }
        done++;
      } catch (e) {
        // The first real failure wins; cancellations it caused in other workers are noise.
        const current = failure as { error: unknown } | null;
        if (current === null || (current.error instanceof CancelledError && !(e instanceof CancelledError))) failure = { error: e };
        stop.abort();
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
  if (failure !== null) throw (failure as { error: unknown }).error;
  return { fetched };
}
