// A QueryPlan end to end: scratch tables, SQL checked, pages fetched (fan-out, bounded; scans fed
// by other scans after those, fetch-waves.ts) and inserted as they arrive, then the user's SQL runs
// on SQLite.

import { HookqlError, UnknownColumnError } from '../errors.js';
import type { Executor } from '../execute/types.js';
import type { SqlValue } from '../parse/types.js';
import type { ApiRequest, QueryPlan, ScanPlan } from '../plan/types.js';
import type { CellValue, ColumnType, ResultColumn, WorkspaceFailure } from '../result.js';
import type { FetchProgress } from './fetch-scans.js';
import { DEFAULT_DEADLINE_MS } from '../execute/executor-options.js';
import { isBoundedPass } from './bounded-sql.js';
import { prepareChecked, runChecked } from './check-sql.js';
import { fetchWaves } from './fetch-waves.js';
import { fillSlots, fillSql } from './fill-slots.js';
import { quoteIdent, type ScratchDb, type ScratchStatement } from './scratch-db.js';
import { startIsolatedSql, type IsolatedResult, type IsolatedRun, type IsolatedSql } from './run-isolated.js';
import { createScratchTable, dropScratchTable } from './scratch-table.js';

export interface QueryDeps {
  readonly db: ScratchDb;
  readonly executor: Executor;
  readonly concurrency: number;
  readonly signal?: AbortSignal;
  /** Called after every page with the rows fetched so far. */
  readonly onPage?: (fetched: number) => void;
  /** Called as requests finish: done so far, and all known so far (dependent scans add theirs later). */
  readonly onRequests?: (done: number, total: number) => void;
  /** Builds a dependent scan's request for one combination of fed values (plan/'s fedRequest). */
  readonly fedRequest?: (scan: ScanPlan, workspace: string | null, fed: Readonly<Record<string, SqlValue>>) => ApiRequest;
  /** Called as listings page, finish or fail (workspaces done / failed / in flight). */
  readonly onProgress?: (progress: FetchProgress) => void;
  /** Keep the rows of the workspaces that answered and return the failures (settle-failures.ts). */
  readonly partial?: boolean;
  /** The statement's overall deadline (default 120 s): local SQL that may run away is stopped at it. */
  readonly deadlineMs?: number;
}

/**
 * Listings run at once: many more than HTTP requests in flight, because a listing waiting out a
 * throttled workspace's Retry-After must not hold up the other workspaces. The transport bounds
 * the requests themselves (per host and overall).
 */
const LISTINGS_IN_FLIGHT = 64;

export interface QueryRows {
  readonly columns: ResultColumn[];
  readonly rows: CellValue[][];
  readonly fetched: number;
  /** With `partial` only: the workspaces that failed (their rows are not in `rows`). */
  readonly failures?: readonly WorkspaceFailure[];
}

let runs = 0;

export async function runQuery(parsed: QueryPlan, deps: QueryDeps): Promise<QueryRows> {
  const { db } = deps;
  const deadlineMs = deps.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const deadlineAt = Date.now() + deadlineMs;
  let isolated: IsolatedSql | null = null;
  const full = withOwnTables(parsed, ++runs);
  let plan = narrowed(full);
  plan.scans.forEach((scan) => createScratchTable(db, scan));
  try {
    const filled = fillSlots(plan);
    let statement: ScratchStatement;
    try {
      statement = prepareChecked(db, filled.sql, plan);
    } catch (e) {
      // The columns the parser saw are a best guess: when SQLite wants one more, store them all.
      if (plan === full || !(e instanceof UnknownColumnError)) throw e;
      plan.scans.forEach((scan) => dropScratchTable(db, scan));
      plan = full;
      plan.scans.forEach((scan) => createScratchTable(db, scan));
      statement = prepareChecked(db, filled.sql, plan);
    }
    // Started now, so that the child's start-up overlaps the fetch (bounded-sql.ts says when).
    if (statement.reader && !isBoundedPass(filled.sql, filled.bindings, plan.scans.length)) isolated = startIsolatedSql();
    const { fetched, failures } = await fetchWaves(plan, {
      db,
      executor: deps.executor,
      listings: Math.max(deps.concurrency, LISTINGS_IN_FLIGHT),
      signal: deps.signal,
      fedRequest: deps.fedRequest,
      partial: deps.partial,
      onProgress: (deps.onPage || deps.onRequests || deps.onProgress) && ((p) => {
        deps.onProgress?.(p);
        deps.onPage?.(p.fetched);
        deps.onRequests?.(p.done, p.total);
      }),
    });
    const used = Object.fromEntries(Object.entries(filled.bindings).filter(([k]) => filled.sql.includes(`:${k}`)));
    if (isolated !== null) {
      const result = await runIsolated(isolated, plan.scans.length > 0 ? db : null, filled.sql, used, { signal: deps.signal, deadlineAt, deadlineMs });
      return { columns: result.columns.map((c) => ({ name: c.name, type: columnType(c.type) })), rows: result.rows, fetched, ...(deps.partial ? { failures } : {}) };
    }
    const reader = statement.reader;
    const rows = reader ? runChecked(() => statement.raw(true).all(used) as CellValue[][]) : [];
    if (!reader) runChecked(() => statement.run(used));
    const columns = reader ? statement.columns().map((c) => ({ name: c.name, type: columnType(c.type) })) : [];
    return { columns, rows, fetched, ...(deps.partial ? { failures } : {}) };
  } finally {
    isolated?.dispose();
    plan.scans.forEach((scan) => dropScratchTable(db, scan));
  }
}

/** The isolated run; SQLite's own errors there read as they do in-process (check-sql.ts). */
async function runIsolated(isolated: IsolatedSql, db: ScratchDb | null, sql: string, params: Record<string, unknown>, run: IsolatedRun): Promise<IsolatedResult> {
  try {
    return await isolated.run(db, sql, params, run);
  } catch (e) {
    if (e instanceof HookqlError) throw e;
    return runChecked(() => {
      throw e;
    });
  }
}

/**
 * Only the columns the statement refers to (plus the server param and the columns of local checks),
 * so `SELECT count(*)` over 100,000 rows converts and inserts one cell per row, not ten. A column
 * the parser did not see makes SQLite fail the prepare, and the scan is then stored whole.
 */
function narrowed(plan: QueryPlan): QueryPlan {
  // With two scans, a column missing from one narrowed table could make an ambiguous name look
  // unique: only a single scan is narrowed.
  if (plan.scans.length !== 1) return plan;
  const scans = plan.scans.map((scan) => {
    if (scan.referenced === null) return scan;
    const wanted = new Set([...scan.referenced, ...Object.values(scan.slots).flatMap((c) => (c.kind === 'true' ? [] : [c.column]))]);
    const columns = scan.columns.filter((c) => c.source === 'server' || wanted.has(c.name));
    return columns.length === scan.columns.length ? scan : { ...scan, columns };
  });
  return scans.every((s, i) => s === plan.scans[i]) ? plan : { ...plan, scans };
}

/**
 * Statements of one engine may run concurrently (apply, the shell's Ctrl-C races) on one database:
 * each run gets scratch tables of its own, renamed in the SQL (every scan table appears there quoted).
 */
function withOwnTables(plan: QueryPlan, run: number): QueryPlan {
  const renames = plan.scans.map((scan) => [quoteIdent(scan.table), quoteIdent(`${scan.table}_r${run}`)] as const);
  const rename = (text: string) => renames.reduce((t, [from, to]) => t.split(from).join(to), text);
  const scans = plan.scans.map((scan): ScanPlan => {
    const table = `${scan.table}_r${run}`;
    // Subqueries in checks and feeds name scan tables too.
    const slots = Object.fromEntries(Object.entries(scan.slots).map(([slot, c]) => [slot, c.kind === 'in-select' ? { ...c, sql: rename(c.sql) } : c]));
    const dependent = scan.dependent && {
      ...scan.dependent,
      feeds: scan.dependent.feeds.map((f) => ({ ...f, sql: rename(f.sql), after: f.after.map((t) => `${t}_r${run}`) })),
    };
    return { ...scan, table, qualifier: scan.qualifier === scan.table ? table : scan.qualifier, slots, dependent };
  });
  return { ...plan, sql: rename(plan.sql), scans };
}

export function columnType(declared: string | null): ColumnType {
  switch (declared?.toUpperCase()) {
    case 'JSON':
      return 'json';
    case 'INTEGER':
      return 'integer';
    case 'REAL':
      return 'real';
    case 'BOOLEAN':
      return 'boolean';
    case 'EPOCH_MS':
      return 'epoch-ms';
    default:
      return 'text';
  }
}
