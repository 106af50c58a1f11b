// Local SQL that may run away (a recursive CTE without a stop, a cross join of big JSON) runs in a
// child process, the only place it can be stopped: better-sqlite3 has no sqlite3_interrupt, and a
// worker thread stuck in SQLite ignores terminate() (the process cannot even exit while it runs).
// The child gets the scratch database as one serialized image (a copy, not per-row messages) and
// sends back only the result rows; on Ctrl-C or the deadline it is SIGKILLed. It also kills itself
// at the deadline or when its parent is gone (a watchdog thread), so a killed `hookql` leaves no
// SQLite spinning behind. It is spawned when the statement starts, so its start-up overlaps the fetch.

import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { CancelledError, DeadlineError, LocalSqlError } from '../errors.js';
import type { CellValue } from '../result.js';
import type { ScratchDb } from './scratch-db.js';

/** The child's memory (resident: SQLite's sorts and CTE queues, the image) and its JS heap (the result rows), in MiB. */
export const LOCAL_SQL_HEAP_MB = 1024;

export interface IsolatedResult {
  readonly columns: readonly { readonly name: string; readonly type: string | null }[];
  readonly rows: CellValue[][];
}

export interface IsolatedRun {
  readonly signal?: AbortSignal;
  /** Epoch ms when the statement's deadline passes, and the deadline itself (for the message). */
  readonly deadlineAt: number;
  readonly deadlineMs: number;
}

export interface IsolatedSql {
  /** `db` null: the statement reads no scratch table (the child starts from an empty database). */
  run(db: ScratchDb | null, sql: string, params: Readonly<Record<string, unknown>>, run: IsolatedRun): Promise<IsolatedResult>;
  /** Kills the child if it is still there (idempotent). */
  dispose(): void;
}

// CommonJS, run with `node -e`: no file to find next to a bundle, no TypeScript loader needed.
// argv[1] = better-sqlite3's path, resolved by the parent.
const CHILD = String.raw`
const { Worker } = require('node:worker_threads');
const Database = require(process.argv[1]);
// SIGKILL at the deadline or when the parent is gone; SIGUSR2 (which node leaves to its default:
// terminate) when the process outgrows its memory, so the parent can say which.
const WATCHDOG = "const { workerData: w } = require('node:worker_threads');" +
  "const kill = () => process.kill(w.pid, 'SIGKILL');" +
  "setTimeout(kill, w.ms).unref();" +
  "setInterval(() => { if (process.ppid !== w.ppid) kill(); if (process.memoryUsage.rss() > w.rssBytes) process.kill(w.pid, 'SIGUSR2'); }, 100);";
const cells = (v) => (v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v);
process.once('message', (job) => {
  new Worker(WATCHDOG, { eval: true, workerData: { pid: process.pid, ppid: process.ppid, ms: Math.max(1, job.remainingMs), rssBytes: job.rssBytes } });
  let answer;
  try {
    const db = job.image === null ? new Database(':memory:') : new Database(Buffer.from(job.image.buffer, job.image.byteOffset, job.image.byteLength));
    // Sorts, DISTINCT and CTE queues in memory, under the watchdog's limit, never in files on disk.
    // (PRAGMA hard_heap_limit would be a no-op: better-sqlite3 builds SQLite without memory statistics.)
    db.pragma('temp_store = MEMORY');
    const disabled = () => { throw Object.assign(new Error('fts3_tokenizer() is disabled in hookql'), { code: 'SQLITE_AUTH' }); };
    db.function('fts3_tokenizer', (a) => disabled());
    db.function('fts3_tokenizer', (a, b) => disabled());
    const params = Object.fromEntries(Object.entries(job.params).map(([k, v]) => [k, cells(v)]));
    const statement = db.prepare(job.sql);
    const rows = statement.raw(true).all(params);
    answer = { rows, columns: statement.columns().map((c) => ({ name: c.name, type: c.type })) };
  } catch (e) {
    answer = { error: { message: e instanceof Error ? e.message : String(e), code: e && e.code } };
  }
  process.send(answer, () => process.exit(0));
});
`;

export function startIsolatedSql(): IsolatedSql {
  const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
  // No environment: nothing of the user's (tokens) reaches it, nor NODE_OPTIONS loaders.
  // Required here, not imported: node:child_process (with net, dgram and streams) is a few ms of every
  // start-up, and most statements never isolate anything.
  const { spawn } = createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
  const child: ChildProcess = spawn(process.execPath, [`--max-old-space-size=${LOCAL_SQL_HEAP_MB}`, '-e', CHILD, sqlite], {
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    serialization: 'advanced',
    env: {},
  });
  let dead = false;
  child.once('exit', () => (dead = true));
  // A spawn failure surfaces through run(); here it must not be an unhandled 'error' event.
  child.on('error', () => undefined);
  const dispose = () => {
    if (!dead) child.kill('SIGKILL');
    dead = true;
  };
  return {
    dispose,
    run: (db, sql, params, run) =>
      new Promise<IsolatedResult>((resolve, reject) => {
        const stop = (e: Error) => (cleanup(), dispose(), reject(e));
        const onAbort = () => stop(new CancelledError('cancelled while SQLite ran the local part of the statement', { hint: 'the statement was stopped; the session can go on' }));
        const timer = setTimeout(
          () => stop(new DeadlineError(`deadline of ${run.deadlineMs} ms passed while SQLite ran the local part of the statement`, { hint: LOCAL_DEADLINE_HINT })),
          Math.max(0, run.deadlineAt - Date.now()),
        );
        const onMessage = (answer: ChildAnswer) => {
          cleanup();
          if ('error' in answer) {
            // A failed allocation reaches JS as a bare 'Out of memory', with no SQLite code.
            const code = answer.error.code ?? (/out of memory/i.test(answer.error.message) ? 'SQLITE_NOMEM' : undefined);
            return reject(Object.assign(new Error(answer.error.message), { code }));
          }
          resolve({ columns: answer.columns, rows: answer.rows.map((r) => r.map(asBuffer)) });
        };
        const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
          cleanup();
          if (Date.now() >= run.deadlineAt) return reject(new DeadlineError(`deadline of ${run.deadlineMs} ms passed while SQLite ran the local part of the statement`, { hint: LOCAL_DEADLINE_HINT }));
          if (signal === 'SIGUSR2') return reject(new LocalSqlError(`the local part of the statement went past the memory limit of ${LOCAL_SQL_HEAP_MB} MiB`, { hint: 'bound the query: a recursive CTE needs a stop (WHERE x < n, or LIMIT); select fewer rows' }));
          // V8 aborts when the result rows outgrow the child's heap.
          reject(new LocalSqlError(`the local part of the statement stopped SQLite's process (${signal ?? `exit ${code}`}): its result is likely over the ${LOCAL_SQL_HEAP_MB} MiB limit`, { hint: 'select fewer rows or columns (LIMIT, WHERE)' }));
        };
        const cleanup = () => {
          clearTimeout(timer);
          run.signal?.removeEventListener('abort', onAbort);
          child.off('message', onMessage);
          child.off('exit', onExit);
        };
        if (run.signal?.aborted) return onAbort();
        if (dead) return stop(new LocalSqlError('the process for local SQL could not start', { hint: 'check that node can spawn processes here' }));
        run.signal?.addEventListener('abort', onAbort, { once: true });
        child.on('message', onMessage);
        child.on('exit', onExit);
        // Scratch tables are TEMP tables: the temp schema is the image (the child opens it as main).
        child.send({ image: db?.serialize({ attached: 'temp' }) ?? null, sql, params, remainingMs: run.deadlineAt - Date.now(), rssBytes: LOCAL_SQL_HEAP_MB * 1024 * 1024 });
      }),
  };
}

const LOCAL_DEADLINE_HINT = 'a recursive CTE needs a stop (WHERE x < n, or LIMIT); or raise the statement timeout (--timeout)';

type ChildAnswer =
  | { readonly error: { readonly message: string; readonly code?: string } }
  | { readonly rows: CellValue[][]; readonly columns: IsolatedResult['columns'] };

/** Blobs come back as Uint8Array (structured clone); the rest of hookql expects a Buffer. */
function asBuffer(value: CellValue): CellValue {
  const cell: unknown = value;
  return cell instanceof Uint8Array && !Buffer.isBuffer(cell) ? (Buffer.from(cell.buffer, cell.byteOffset, cell.byteLength) as unknown as CellValue) : value;
}
