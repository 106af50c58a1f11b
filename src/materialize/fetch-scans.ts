// The listings of a query, many workspaces at once (the transport bounds the HTTP requests per host
// and overall). A failed workspace never hides: by default the statement fails naming every failed
// workspace; with `partial` the healthy workspaces' rows are kept, the failed one's rows are taken
// out again, and the failures are returned. run-query.ts calls runListings once per wave of scans.

import { CancelledError, DeadlineError, WorkspacesFailedError, isHookqlError } from '../errors.js';
import type { Executor, ResponsePage } from '../execute/types.js';
import type { ApiRequest, ScanPlan } from '../plan/types.js';
import type { WorkspaceFailure } from '../result.js';
import type { ScratchDb } from './scratch-db.js';
import { deleteRows, type RowRange } from './scratch-table.js';

export interface Listing {
  readonly scan: ScanPlan;
  readonly request: ApiRequest;
  readonly insert: (page: ResponsePage) => RowRange;
}

export interface FetchProgress {
  readonly fetched: number;
  /** Listings finished, failed and running, and all known so far (dependent scans add theirs later). */
  readonly done: number;
  readonly failed: number;
  readonly inFlight: number;
  readonly total: number;
}

export interface ListingDeps {
  readonly db: ScratchDb;
  readonly executor: Executor;
  /** Listings in flight at once (each one's pages are sequential); HTTP itself is bounded below. */
  readonly listings: number;
  readonly onProgress?: (p: FetchProgress) => void;
}

/** What the listings of one statement have done so far, over all its waves. */
export interface FanOut {
  fetched: number;
  done: number;
  inFlight: number;
  total: number;
  readonly workspaces: Set<string>;
  readonly failed: Map<string, unknown>;
  /** A cancellation or the deadline: it stops the statement, whatever `partial` says. */
  stopping: unknown;
}

export function createFanOut(): FanOut {
  return { fetched: 0, done: 0, inFlight: 0, total: 0, workspaces: new Set(), failed: new Map(), stopping: null };
}

export async function runListings(listings: readonly Listing[], deps: ListingDeps, stop: AbortController, state: FanOut): Promise<void> {
  state.total += listings.length;
  listings.forEach((l) => state.workspaces.add(l.request.workspace));
  const report = () => deps.onProgress?.({ fetched: state.fetched, done: state.done, failed: state.failed.size, inFlight: state.inFlight, total: state.total });
  let next = 0;
  const worker = async () => {
    while (next < listings.length && state.stopping === null) {
      const { scan, request, insert } = listings[next++];
      const rows: RowRange[] = [];
      // Reported from the first page on: until then the spinner's "running… (Ctrl-C cancels)" says more.
      state.inFlight++;
      try {
        for await (const page of deps.executor.pages(request, stop.signal)) {
          const range = insert(page);
          rows.push(range);
          state.fetched += range.count;
          report();
        }
        state.done++;
      } catch (e) {
        if (isStop(e)) {
          // The first stop wins; cancellations it caused in other workers are noise.
          const current = state.stopping as unknown;
          if (current === null || (current instanceof CancelledError && !(e instanceof CancelledError))) state.stopping = e;
          stop.abort();
        } else {
          // One workspace's failure is its own: the others go on, so that every failure is named.
          if (!state.failed.has(request.workspace)) state.failed.set(request.workspace, e);
          state.fetched -= rows.reduce((n, r) => n + r.count, 0);
          deleteRows(deps.db, scan, rows);
        }
      } finally {
        state.inFlight--;
        report();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(deps.listings, listings.length)) }, worker));
  if (state.stopping !== null) throw state.stopping;
}

/**
 * The failures to return (with `partial`), or the error to fail with: a statement over one
 * workspace fails with that workspace's own error, as it always has; over several, with all of them.
 */
export function settle(state: FanOut, partial: boolean): readonly WorkspaceFailure[] {
  if (state.failed.size === 0) return [];
  const first = [...state.failed.values()][0];
  if (state.workspaces.size === 1 && !partial) throw first;
  const failures = [...state.failed].map(([workspace, error]) => describe(workspace, error));
  if (!partial) throw new WorkspacesFailedError(failures, state.workspaces.size, first);
  return failures;
}

function isStop(e: unknown): boolean {
  return e instanceof CancelledError || e instanceof DeadlineError || !isHookqlError(e);
}

function describe(workspace: string, error: unknown): WorkspaceFailure {
  return isHookqlError(error)
    ? { workspace, code: error.code, message: error.message, hint: error.hint ?? null }
    : { workspace, code: 'INTERNAL', message: String(error), hint: null };
}
