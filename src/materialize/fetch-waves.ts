// Fetches every scan of a query in waves: first the scans whose requests are all known, then each
// scan whose feeds (the scans it reads its required inputs from) are stored, with its requests read
// from those rows — one per distinct value (tuple) the feeds yield; none when they yield no row.
// Progress adds up across waves; a Ctrl-C between two waves stops before the next one.

import { CancelledError, UnsupportedSqlError } from '../errors.js';
import type { SqlValue } from '../parse/types.js';
import type { ApiRequest, QueryPlan, ScanPlan } from '../plan/types.js';
import { fetchScans, type FetchDeps, type FetchProgress } from './fetch-scans.js';
import { fillSql } from './fill-slots.js';
import type { ScratchDb } from './scratch-db.js';
import { settleFailures } from './settle-failures.js';
import type { WorkspaceFailure } from '../result.js';

export interface WaveDeps extends FetchDeps {
  /** Keep the rows of the workspaces that answered and return the failures (settle-failures.ts). */
  readonly partial?: boolean;
  /** Builds a dependent scan's request for one combination of fed values (plan/'s fedRequest). */
  readonly fedRequest?: (scan: ScanPlan, workspace: string | null, fed: Readonly<Record<string, SqlValue>>) => ApiRequest;
}

export interface WavesFetched {
  readonly fetched: number;
  /** Only ever non-empty with `partial`: otherwise a failure is thrown. */
  readonly failures: readonly WorkspaceFailure[];
}

export async function fetchWaves(plan: QueryPlan, deps: WaveDeps): Promise<WavesFetched> {
  const stored = new Set<string>();
  const failed = new Map<string, unknown>();
  const asked = new Set<string>();
  const before = { fetched: 0, done: 0, failed: 0, total: 0 };
  let waiting = [...plan.scans];
  while (waiting.length > 0) {
    const ready = waiting.filter((scan) => (scan.dependent?.feeds ?? []).every((f) => f.after.every((t) => stored.has(t))));
    // plan/ refuses cycles; this only guards the loop.
    if (ready.length === 0) throw new UnsupportedSqlError('the scans of this statement wait for each other');
    if (deps.signal?.aborted) throw new CancelledError('the statement was cancelled');
    waiting = waiting.filter((scan) => !ready.includes(scan));
    const scans = ready.map((scan) => (scan.dependent ? { ...scan, requests: requestsOf(scan, plan, deps) } : scan));
    const total = before.total + scans.reduce((n, s) => n + s.requests.length, 0);
    const onProgress = deps.onProgress && ((p: FetchProgress) =>
      deps.onProgress?.({ fetched: before.fetched + p.fetched, done: before.done + p.done, failed: before.failed + p.failed, inFlight: p.inFlight, total }));
    const wave = await fetchScans({ scans }, { ...deps, onProgress });
    wave.workspaces.forEach((w) => asked.add(w));
    wave.failed.forEach((e, w) => failed.has(w) || failed.set(w, e));
    Object.assign(before, { fetched: before.fetched + wave.fetched, done: total - failed.size, failed: failed.size, total });
    // Without --partial the statement fails anyway: the waves that depend on this one need not run.
    // (With it, a failed workspace's rows are gone, so nothing is fed from them.)
    if (failed.size > 0 && !deps.partial) break;
    ready.forEach((scan) => stored.add(scan.table));
  }
  return { fetched: before.fetched, failures: settleFailures(failed, asked.size, deps.partial === true) };
}

/** One request per combination of the feeds' rows (and of the scan's own workspaces). */
function requestsOf(scan: ScanPlan, plan: QueryPlan, deps: WaveDeps): ApiRequest[] {
  const dependent = scan.dependent as NonNullable<ScanPlan['dependent']>;
  const build = deps.fedRequest;
  if (build === undefined) throw new Error('internal: a dependent scan needs fedRequest');
  let combos: Record<string, SqlValue>[] = [{}];
  for (const feed of dependent.feeds) {
    // NULL matches nothing, and '' means "not given" for an input: neither is worth a request.
    const rows = feedRows(feed.sql, plan, deps.db).filter((row) => row.every((v) => v !== null && v !== ''));
    combos = combos.flatMap((combo) => rows.map((row) => ({ ...combo, ...Object.fromEntries(feed.inputs.map((input, i) => [input, row[i]])) })));
  }
  return combos.flatMap((fed) => (dependent.workspaces ?? [null]).map((ws) => build(scan, ws, fed)));
}

function feedRows(sql: string, plan: QueryPlan, db: ScratchDb): SqlValue[][] {
  const filled = fillSql(sql, plan);
  const used = Object.fromEntries(Object.entries(filled.bindings).filter(([k]) => filled.sql.includes(`:${k}`)));
  return db.prepare(filled.sql).raw(true).all(used) as SqlValue[][];
}
