// A QueryPlan end to end: scratch tables, SQL checked, pages fetched (fan-out, bounded) and
// inserted as they arrive, then the user's SQL runs on SQLite.

import { CancelledError, UnknownColumnError, UnsupportedSqlError } from '../errors.js';
import type { Executor, ResponsePage } from '../execute/types.js';
import type { SqlValue } from '../parse/types.js';
import type { ApiRequest, QueryPlan, ScanPlan } from '../plan/types.js';
import type { CellValue, ColumnType, ResultColumn } from '../result.js';
import { prepareChecked } from './check-sql.js';
import { fillSlots, fillSql } from './fill-slots.js';
import { quoteIdent, type ScratchDb, type ScratchStatement } from './scratch-db.js';
import { createScratchTable, dropScratchTable, pageInserter } from './scratch-table.js';

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
}

export interface QueryRows {
  readonly columns: ResultColumn[];
  readonly rows: CellValue[][];
  readonly fetched: number;
}

let runs = 0;

export async function runQuery(parsed: QueryPlan, deps: QueryDeps): Promise<QueryRows> {
  const { db } = deps;
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
    const fetched = await fetchAll(plan, deps);
    const used = Object.fromEntries(Object.entries(filled.bindings).filter(([k]) => filled.sql.includes(`:${k}`)));
    const reader = statement.reader;
    const rows = reader ? (statement.raw(true).all(used) as CellValue[][]) : [];
    if (!reader) statement.run(used);
    const columns = reader ? statement.columns().map((c) => ({ name: c.name, type: columnType(c.type) })) : [];
    return { columns, rows, fetched };
  } finally {
    plan.scans.forEach((scan) => dropScratchTable(db, scan));
  }
}

/**
 * Every request of every scan, at most `concurrency` at once; the first failure stops the rest.
 * Scans whose inputs are fed by other scans wait for those (in waves): their requests are read from
 * the rows already stored, one per distinct value, and a feed with no rows means no request at all.
 */
async function fetchAll(plan: QueryPlan, deps: QueryDeps): Promise<number> {
  const stop = new AbortController();
  const onOuterAbort = () => stop.abort(deps.signal?.reason);
  // An abort that came before this point (Ctrl-C during set-up) fires no event: check it too.
  if (deps.signal?.aborted) stop.abort(deps.signal.reason);
  deps.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const counts = { fetched: 0, done: 0, total: 0 };
  const fetchedTables = new Set<string>();
  let waiting = [...plan.scans];
  try {
    while (waiting.length > 0) {
      const ready = waiting.filter((scan) => (scan.dependent?.feeds ?? []).every((f) => f.after.every((t) => fetchedTables.has(t))));
      // plan/ refuses cycles; this only guards the loop.
      if (ready.length === 0) throw new UnsupportedSqlError('the scans of this statement wait for each other');
      if (stop.signal.aborted) throw new CancelledError('the statement was cancelled');
      waiting = waiting.filter((scan) => !ready.includes(scan));
      const tasks = ready.flatMap((scan) => {
        const insert = pageInserter(deps.db, scan);
        return requestsOf(scan, plan, deps).map((request) => ({ request, insert }));
      });
      counts.total += tasks.length;
      deps.onRequests?.(counts.done, counts.total);
      await runTasks(tasks, deps, stop, counts);
      ready.forEach((scan) => fetchedTables.add(scan.table));
    }
  } finally {
    deps.signal?.removeEventListener('abort', onOuterAbort);
  }
  return counts.fetched;
}

interface Task {
  readonly request: ApiRequest;
  readonly insert: (page: ResponsePage) => number;
}

async function runTasks(tasks: readonly Task[], deps: QueryDeps, stop: AbortController, counts: { fetched: number; done: number; total: number }): Promise<void> {
  let failure: { error: unknown } | null = null;
  let next = 0;
  const worker = async () => {
    while (next < tasks.length && failure === null) {
      const { request, insert } = tasks[next++];
      try {
        for await (const page of deps.executor.pages(request, stop.signal)) {
          counts.fetched += insert(page);
          deps.onPage?.(counts.fetched);
        }
        deps.onRequests?.(++counts.done, counts.total);
      } catch (e) {
        // The first real failure wins; cancellations it caused in other workers are noise.
        const current = failure as { error: unknown } | null;
        if (current === null || (current.error instanceof CancelledError && !(e instanceof CancelledError))) failure = { error: e };
        stop.abort();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(deps.concurrency, tasks.length)) }, worker));
  if (failure !== null) throw (failure as { error: unknown }).error;
}

/** A scan's requests: planned, or (dependent) one per combination of its feeds' rows and workspaces. */
function requestsOf(scan: ScanPlan, plan: QueryPlan, deps: QueryDeps): readonly ApiRequest[] {
  const dependent = scan.dependent;
  if (!dependent) return scan.requests;
  if (deps.fedRequest === undefined) throw new Error('internal: a dependent scan needs QueryDeps.fedRequest');
  let combos: Record<string, SqlValue>[] = [{}];
  for (const feed of dependent.feeds) {
    const rows = feedRows(feed.sql, plan, deps.db).filter((row) => row.every((v) => v !== null));
    combos = combos.flatMap((combo) => rows.map((row) => ({ ...combo, ...Object.fromEntries(feed.inputs.map((input, i) => [input, row[i]])) })));
  }
  const build = deps.fedRequest;
  return combos.flatMap((fed) => (dependent.workspaces ?? [null]).map((ws) => build(scan, ws, fed)));
}

function feedRows(sql: string, plan: QueryPlan, db: ScratchDb): SqlValue[][] {
  const filled = fillSql(sql, plan);
  const used = Object.fromEntries(Object.entries(filled.bindings).filter(([k]) => filled.sql.includes(`:${k}`)));
  return db.prepare(filled.sql).raw(true).all(used) as SqlValue[][];
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

function columnType(declared: string | null): ColumnType {
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
