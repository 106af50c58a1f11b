// Runs one SQL statement through the engine and prints what came back: rows on stdout, the write
// summary and timings on stderr, or the error (code, message, hint) — after which the session goes on.

import { exitCodeOf } from '../render-error.js';
import { formatMs, renderResult } from '../render-result.js';
import type { StatementResult } from '../../result.js';
import type { ShellEngine } from './engine-port.js';
import type { ProgressLine } from '../progress-line.js';
import type { ShellOutput } from './shell-output.js';
import type { ShellState } from './shell-state.js';

export interface StatementContext {
  readonly engine: ShellEngine;
  readonly state: ShellState;
  readonly out: ShellOutput;
  readonly progress: ProgressLine;
}

/** Returns 0, or the exit code of the failure (2 bad input, 1 API/network/cancelled). */
export async function runStatement(ctx: StatementContext, sql: string, signal: AbortSignal): Promise<number> {
  const { engine, state, out, progress } = ctx;
  progress.start();
  try {
    const results = await engine.run(sql, {
      vars: { ...state.vars },
      signal,
      ...(state.workspace === null ? {} : { defaultWorkspace: state.workspace }),
      ...(state.partial ? { partial: true } : {}),
    });
    progress.stop();
    let code = 0;
    for (const result of results) {
      await printResult(ctx, result);
      if (result.failures !== undefined && result.failures.length > 0) {
        out.failures(result.failures);
        code = 1;
      }
    }
    return code;
  } catch (e) {
    progress.stop();
    out.error(e);
    return exitCodeOf(e);
  }
}

async function printResult({ state, out }: StatementContext, result: StatementResult): Promise<void> {
  const hasRows = result.columns.length > 0;
  if (hasRows) {
    const table = state.format === 'table';
    const paged = out.interactive && state.pager !== false;
    const render = (color: boolean) =>
      renderResult(result, state.format, {
        width: out.width(),
        footer: true,
        // At the prompt the footer says how long it took; piped output stays byte-for-byte stable.
        timing: out.interactive,
        color,
        headers: state.headers !== false,
        expanded: state.expanded === true,
      });
    // A pager gets plain text: `less -S` shows colour codes as text unless told otherwise.
    if (paged) await out.page(render(out.color && out.height() !== undefined && !tall(render(false), out.height())));
    else out.data(render(out.color));
    if (!table && out.interactive) out.note(rowCount(result));
  }
  if (result.summary !== null) out.note(result.summary);
  if (state.timing) out.note(timingLine(result));
}

function tall(text: string, rows: number | undefined): boolean {
  return rows !== undefined && text.split('\n').length - 1 >= rows - 1;
}

function rowCount(result: StatementResult): string {
  const n = result.rows.length;
  return `(${n} row${n === 1 ? '' : 's'} in ${formatMs(result.stats.elapsedMs)})`;
}

/** `Time: 412 ms · 3 API requests · 2 pages · 1,200 rows fetched` (+ retries when there were any). */
export function timingLine(result: StatementResult): string {
  const { elapsedMs, requests, pages, fetched, retries } = result.stats;
  const parts = [
    `Time: ${formatMs(elapsedMs)}`,
    plural(requests, 'API request'),
    plural(pages, 'page'),
    `${plural(fetched, 'row')} fetched`,
  ];
  if (retries > 0) parts.push(plural(retries, 'retry', 'retries'));
  return parts.join(' · ');
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
