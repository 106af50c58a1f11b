// Where each kind of shell output goes. Data (tables, JSON) goes to stdout; everything about the
// data — write summaries, timings, errors, confirmations — goes to stderr, so `hookql shell > x.json`
// and piped scripts keep stdout parseable, as `hookql exec` does.

import { envSecrets, isDebug } from '../io.js';
import { renderError } from '../render-error.js';
import { UnfilledVariableError } from '../../errors.js';
import { failureLines } from '../render-failures.js';
import type { WorkspaceFailure } from '../../result.js';
import type { ShellIo } from './shell-io.js';
import { runOnTerminal, type Handoff } from './terminal-handoff.js';

export class ShellOutput {
  /** Colours only for a person at a terminal who has not asked for none (https://no-color.org). */
  readonly color: boolean;
  readonly debug: boolean;
  private readonly secrets: string[];

  constructor(
    private readonly io: ShellIo,
    readonly interactive: boolean,
  ) {
    this.color = interactive && io.stdout.isTTY === true && !io.env.NO_COLOR;
    this.debug = isDebug(io.env);
    // Credentials can surface in messages (a URL with a token, an echoed header); scrub them.
    this.secrets = envSecrets(io.env);
  }

  /** Set by the interactive loop: lends the terminal to the pager or the editor. */
  handoff: Handoff | null = null;

  /** Set by the interactive loop: adds a statement that was not typed (`\e`'s edit) to the history. */
  remember: ((text: string) => void) | null = null;

  /** The terminal's height, or undefined when stdout is not a TTY (nothing is paged then). */
  height(): number | undefined {
    return this.io.stdout.isTTY ? (this.io.stdout as { rows?: number }).rows || 24 : undefined;
  }

  get env(): Record<string, string | undefined> {
    return this.io.env;
  }

  /**
   * Data that may be taller than the terminal: through $PAGER (default `less -S`, which scrolls
   * sideways instead of wrapping) when it is, like psql. Shorter output, or no terminal, is printed.
   */
  async page(text: string): Promise<void> {
    const rows = this.height();
    const lines = text.split('\n').length - 1;
    if (this.handoff === null || rows === undefined || lines < rows - 1) return this.data(text);
    const pager = this.io.env.PAGER?.trim() || 'less -S';
    let code = 0;
    await this.handoff(async () => {
      code = await runOnTerminal(pager, [], text);
    });
    if (code === 127) {
      this.note(`the pager '${pager}' could not be started; set $PAGER, or .pager off`);
      this.data(text);
    }
  }

  /** The terminal's width for tables; undefined (the renderer's default) when stdout is not a TTY. */
  width(): number | undefined {
    return this.io.stdout.isTTY ? this.io.stdout.columns || 80 : undefined;
  }

  data(text: string): void {
    this.io.stdout.write(text);
  }

  note(text: string): void {
    this.io.stderr.write(text.endsWith('\n') ? text : text + '\n');
  }

  /** Confirmations of meta commands: useful at the prompt, noise in a piped script. */
  info(text: string): void {
    if (this.interactive) this.note(text);
  }

  /** One line per workspace a `.partial on` statement could not read. */
  failures(failures: readonly WorkspaceFailure[]): void {
    this.io.stderr.write(failureLines(failures, this.secrets));
  }

  error(e: unknown): void {
    this.io.stderr.write(renderError(inShellTerms(e), { debug: this.debug, secrets: this.secrets }));
  }
}

/** In the shell, variables are set with `.set`, not `--var`: the hint says so. */
function inShellTerms(e: unknown): unknown {
  if (!(e instanceof UnfilledVariableError) || e.names.length === 0) return e;
  return new UnfilledVariableError(e.message, { hint: e.names.map((n) => `.set ${n} <value>`).join('; '), names: e.names, cause: e.cause });
}
