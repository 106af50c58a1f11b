// A QueryPlan end to end: scratch tables, SQL checked, pages fetched (fan-out, bounded) and
// inserted as they arrive, then the user's SQL runs on SQLite.

import { CancelledError, UnknownColumnError } from '../errors.js';
import type { Executor } from '../execute/types.js';
import type { QueryPlan } from '../plan/types.js';
import type { CellValue, ColumnType, ResultColumn } from '../result.js';
import { prepareChecked } from './check-sql.js';
import { fillSlots } from './fill-slots.js';
import { quoteIdent, type ScratchDb, type ScratchStatement } from './scratch-db.js';
import { createScratchTable, dropScratchTable, pageInserter } from './scratch-table.js';

export interface QueryDeps {
  readonly db: ScratchDb;
  readonly executor: Executor;
  readonly concurrency: number;
  readonly signal?: AbortSignal;
  /** Called after every page with the rows fetched so far. */
  readonly onPage?: (fetched: number) => void;
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

/** Every request of every scan, at most `concurrency` at once; the first failure stops the rest. */
async function fetchAll(plan: QueryPlan, deps: QueryDeps): Promise<number> {
  const tasks = plan.scans.flatMap((scan) => {
    const insert = pageInserter(deps.db, scan);
    return scan.requests.map((request) => ({ request, insert }));
  });
  const stop = new AbortController();
  const onOuterAbort = () => stop.abort(deps.signal?.reason);
  // An abort that came before this point (Ctrl-C during set-up) fires no event: check it too.
  if (deps.signal?.aborted) stop.abort(deps.signal.reason);
  deps.signal?.addEventListener('abort', onOuterAbort, { once: true });
  let fetched = 0;
  let failure: { error: unknown } | null = null;
  let next = 0;
  const worker = async () => {
    while (next < tasks.length && failure === null) {
      const { request, insert } = tasks[next++];
      try {
        for await (const page of deps.executor.pages(request, stop.signal)) {
          fetched += insert(page);
          deps.onPage?.(fetched);
        }
      } catch (e) {
        // The first real failure wins; cancellations it caused in other workers are noise.
        const current = failure as { error: unknown } | null;
        if (current === null || (current.error instanceof CancelledError && !(e instanceof CancelledError))) failure = { error: e };
        stop.abort();
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(deps.concurrency, tasks.length)) }, worker));
  } finally {
    deps.signal?.removeEventListener('abort', onOuterAbort);
  }
  if (failure !== null) throw (failure as { error: unknown }).error;
  return fetched;
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
  let sql = plan.sql;
  const scans = plan.scans.map((scan) => {
    const table = `${scan.table}_r${run}`;
    sql = sql.split(quoteIdent(scan.table)).join(quoteIdent(table));
    return { ...scan, table, qualifier: scan.qualifier === scan.table ? table : scan.qualifier };
  });
  return { ...plan, sql, scans };
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
