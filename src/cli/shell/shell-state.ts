// The settings a session carries between statements, changed by meta commands, and the prompts
// that show them.

import type { OutputFormat } from '../render-result.js';

export interface ShellState {
  format: OutputFormat;
  /** The default workspace (`.workspace`), null when statements must name one. */
  workspace: string | null;
  /** Values for `{{ name }}` placeholders (`.set`, `--var`). */
  vars: Record<string, string>;
  /** `.timing on`: elapsed time, API requests and rows fetched after each statement. */
  timing: boolean;
  /** `.partial on`: a statement over several workspaces returns the rows of those that answered. */
  partial: boolean;
}

/** `hookql> `, or `hookql (local)> ` when a default workspace is set. */
export function mainPrompt(state: ShellState): string {
  return state.workspace === null ? 'hookql> ' : `hookql (${state.workspace})> `;
}

/** `   ...> `, right-aligned under the main prompt so multi-line statements line up. */
export function continuationPrompt(state: ShellState): string {
  return '...> '.padStart(mainPrompt(state).length);
}
