// The settings a session carries between statements, changed by meta commands, and the prompts
// that show them.

import type { OutputFormat } from '../render-result.js';
import type { ScanState } from './split-statements.js';

export interface ShellState {
  format: OutputFormat;
  /** The default workspace (`.workspace`), null when statements must name one. */
  workspace: string | null;
  /** Values for `{{ name }}` placeholders (`.set`, `--var`). */
  vars: Record<string, string>;
  /** `.timing on`: elapsed time, API requests and rows fetched after each statement. */
  timing: boolean;
  /** `\x` / `.mode line`: tables as one `column | value` block per row. */
  expanded?: boolean;
  /** `.headers off`: tables and CSV without their header. */
  headers?: boolean;
  /** `.pager off`: never page; on (the default at a terminal): results taller than it go to $PAGER. */
  pager?: boolean;
  /** The last SQL statement run, for `\e` / `.edit`. */
  lastStatement?: string;
  /** `.partial on`: a statement over several workspaces returns the rows of those that answered. */
  partial: boolean;
}

/** `hookql> `, or `hookql (local)> ` when a default workspace is set. */
export function mainPrompt(state: ShellState): string {
  return state.workspace === null ? 'hookql> ' : `hookql (${state.workspace})> `;
}

/**
 * `   ...> `, right-aligned under the main prompt so multi-line statements line up. Like psql, it
 * says why the statement goes on: `'> ` inside a string, `"> ` inside a quoted name, `*> ` inside a
 * block comment.
 */
export function continuationPrompt(state: ShellState, scan: ScanState = 'code'): string {
  const mark = scan === 'single-quote' ? "'> " : scan === 'double-quote' ? '"> ' : scan === 'block-comment' ? '*> ' : '...> ';
  return mark.padStart(mainPrompt(state).length);
}
