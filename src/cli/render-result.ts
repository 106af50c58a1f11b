// Turns a StatementResult into text for one of the output formats. Pure: no printing here.

import { createRequire } from 'node:module';
import type CliTable3 from 'cli-table3';
import type { CellValue, ResultColumn, StatementResult } from '../result.js';
import { cellValue, rowObject } from '../util/result-values.js';
import { terminalSafe, terminalSafeCell } from '../util/terminal-text.js';

export { rowObject };

export const OUTPUT_FORMATS = ['table', 'json', 'jsonl', 'csv', 'text'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface RenderOptions {
  /** Terminal width for table mode; cells are truncated with … so the table fits. */
  readonly width?: number;
  /** Table mode: the "(N rows)" line under the table. */
  readonly footer?: boolean;
  /** Table mode: add the elapsed time to the footer. */
  readonly timing?: boolean;
  readonly color?: boolean;
  /** Table and CSV: print the header (the shell's `.headers off` clears it). Default true. */
  readonly headers?: boolean;
  /** Table mode: one block per row, a `column | value` line per column (psql's `\x`). */
  readonly expanded?: boolean;
}

const NULL_TEXT = 'NULL';
const MIN_CELL = 6;

export function renderResult(result: StatementResult, format: OutputFormat, options: RenderOptions = {}): string {
  switch (format) {
    case 'table':
      return renderTable(result, options);
    case 'json': {
      const rows = result.rows.map((r) => rowObject(result.columns, r));
      // With --partial the rows travel in an envelope beside the failures (docs/workspaces-and-auth.md):
      // a script that expects an array breaks loudly instead of taking a partial inventory for whole.
      const doc = result.failures === undefined ? rows : { rows, failures: result.failures, complete: result.failures.length === 0 };
      return JSON.stringify(doc, null, 2) + '\n';
    }
    case 'jsonl':
      return result.rows.map((r) => JSON.stringify(rowObject(result.columns, r)) + '\n').join('');
    case 'csv':
      return [...(options.headers === false ? [] : [result.columns.map((c) => c.name)]), ...result.rows.map((r) => r.map(csvText))]
        .map((cells) => cells.map(csvQuote).join(',') + '\r\n')
        .join('');
    case 'text':
      return result.rows.map((r) => r.map((v) => (v === null ? '' : terminalSafe(String(v)))).join('\t') + '\n').join('');
  }
}

function csvText(v: CellValue): string {
  return v === null ? '' : String(v);
}

function csvQuote(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function renderTable(result: StatementResult, options: RenderOptions): string {
  const { columns, rows } = result;
  // One JSON value (EXPLAIN, RETURNING of one object) reads better indented than squeezed into a cell.
  if (columns.length === 1 && rows.length === 1 && columns[0].type === 'json' && typeof rows[0][0] === 'string') {
    return `${singleLine(columns[0].name)}:\n${JSON.stringify(cellValue(columns[0], rows[0][0]), null, 2)}\n` + footer(result, options);
  }
  if (options.expanded) return renderExpanded(result, options);
  const header = columns.map((c) => singleLine(c.name));
  const cells = rows.map((r) => r.map((v, i) => tableText(columns[i], v)));
  const widths = fitWidths(options.headers === false ? header.map(() => '') : header, cells, options.width ?? 120);
  const head = options.headers === false ? [] : header;
  if (!options.color && [head, ...cells].every((row) => row.every(isPlainAscii))) {
    return (columns.length > 0 ? plainTable(head, cells, widths) + '\n' : '') + footer(result, options);
  }
  const Table = cliTable3();
  const table = new Table({
    head,
    colWidths: widths.map((w) => w + 2),
    truncate: '…',
    wordWrap: false,
    style: { head: options.color ? ['cyan'] : [], border: options.color ? ['grey'] : [], compact: true },
  });
  // NULL is dimmed on a colour terminal, so it stands apart from a string 'NULL'.
  cells.forEach((row, r) => table.push(row.map((text, i) => (rows[r][i] === null && options.color ? `\u001b[2m${text}\u001b[22m` : text))));
  return (columns.length > 0 ? table.toString() + '\n' : '') + footer(result, options);
}

let tableClass: typeof CliTable3 | undefined;

/** cli-table3 measures and cuts wide characters and colour codes; loaded only for a table that has them. */
function cliTable3(): typeof CliTable3 {
  return (tableClass ??= createRequire(import.meta.url)('cli-table3') as typeof CliTable3);
}

const PLAIN_ASCII = /^[\x20-\x7e]*$/;

function isPlainAscii(text: string): boolean {
  return PLAIN_ASCII.test(text);
}

/**
 * Exactly what cli-table3 prints for these options (compact, padding 1, cut with …, no colour)
 * when every cell is printable ASCII, so one character is one column. Loading cli-table3 and its
 * width tables, and measuring each cell with them, was a third of `hookql exec "SHOW …"`'s own
 * start-up (~35 ms); test/cli/plain-table.test.ts compares the two on generated tables.
 */
export function plainTable(head: readonly string[], cells: readonly (readonly string[])[], widths: readonly number[]): string {
  if (head.length === 0 && cells.length === 0) return '';
  const rule = (left: string, mid: string, right: string) => left + widths.map((w) => '─'.repeat(w + 2)).join(mid) + right;
  const line = (row: readonly string[]) => '│' + row.map((text, i) => ` ${fit(text, widths[i])} `).join('│') + '│';
  const out = [rule('┌', '┬', '┐')];
  if (head.length > 0) {
    out.push(line(head));
    if (cells.length > 0) out.push(rule('├', '┼', '┤'));
  }
  for (const row of cells) out.push(line(row));
  out.push(rule('└', '┴', '┘'));
  return out.join('\n');
}

function fit(text: string, width: number): string {
  return text.length <= width ? text.padEnd(width) : text.slice(0, Math.max(0, width - 1)) + '…';
}

/** A cell as a table shows it: NULL, one line, and a time column (epoch-ms) as ISO-8601 UTC. */
function tableText(column: ResultColumn, v: CellValue): string {
  if (v === null) return NULL_TEXT;
  if (column.type === 'epoch-ms' && (typeof v === 'number' || typeof v === 'bigint')) {
    const date = new Date(Number(v));
    if (!Number.isNaN(date.getTime())) return date.toISOString();
  }
  return singleLine(String(v));
}

/**
 * psql's expanded display: a `-[ RECORD n ]` rule per row, then `column | value` lines, so a wide
 * row reads top to bottom instead of being cut to the terminal's width.
 */
function renderExpanded(result: StatementResult, options: RenderOptions): string {
  const { columns, rows } = result;
  const nameWidth = Math.max(...columns.map((c) => c.name.length), 1);
  const width = Number.isFinite(options.width ?? Infinity) ? (options.width as number) : Infinity;
  const out: string[] = [];
  rows.forEach((row, r) => {
    const title = `-[ RECORD ${r + 1} ]`;
    out.push(title + '-'.repeat(Math.max(0, nameWidth + 1 - title.length)) + '+' + '-'.repeat(Math.max(1, Math.min(20, width - nameWidth - 3))));
    columns.forEach((c, i) => {
      const text = tableText(c, row[i]);
      const room = width - nameWidth - 3;
      const shown = [...text].length > room ? [...text].slice(0, Math.max(1, room - 1)).join('') + '…' : text;
      const value = row[i] === null && options.color ? `\u001b[2m${shown}\u001b[22m` : shown;
      out.push(`${c.name.padEnd(nameWidth)} | ${value}`);
    });
  });
  return (rows.length > 0 ? out.join('\n') + '\n' : '') + footer(result, options);
}

function footer(result: StatementResult, options: RenderOptions): string {
  if (options.footer === false) return '';
  const n = result.rows.length;
  const elapsed = options.timing ? ` in ${formatMs(result.stats.elapsedMs)}` : '';
  return `(${n} row${n === 1 ? '' : 's'}${elapsed})\n`;
}

function singleLine(s: string): string {
  return terminalSafeCell(s.replace(/\r?\n/g, '⏎'));
}

/** Natural width per column, then shrink the widest columns until the table fits `total`. */
export function fitWidths(header: readonly string[], cells: readonly (readonly string[])[], total: number): number[] {
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((r) => [...r[i]].length), 1));
  const chrome = widths.length * 3 + 1; // borders and padding
  let excess = widths.reduce((a, b) => a + b, 0) + chrome - total;
  while (excess > 0) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest] <= MIN_CELL) break;
    widths[widest] -= 1;
    excess -= 1;
  }
  return widths;
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
