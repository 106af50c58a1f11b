// One shell session: the engine, the settings, and how a piece of work (a statement or a meta
// command) is run. The prompt loop and the script loop both drive a Session, so they behave alike.

import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { UsageError } from '../../errors.js';
import { runMeta, type MetaContext } from './meta-commands.js';
import { runStatement, type StatementContext } from './run-statement.js';
import { StatementReader, type Work } from './statement-reader.js';
import type { ShellEngine } from './engine-port.js';
import type { ProgressLine } from '../progress-line.js';
import type { ShellOutput } from './shell-output.js';
import type { ShellState } from './shell-state.js';

// `.read` of a file that reads itself would otherwise recurse until the stack overflows.
const MAX_READ_DEPTH = 16;

export class Session {
  /** The exit code of the first failure (0 while everything succeeded): a script's exit status. */
  firstFailure = 0;
  quitRequested = false;
  private readDepth = 0;
  private readonly statementContext: StatementContext;
  private readonly metaContext: MetaContext;

  constructor(
    readonly engine: ShellEngine,
    readonly state: ShellState,
    readonly out: ShellOutput,
    progress: ProgressLine,
  ) {
    this.statementContext = { engine, state, out, progress };
    this.metaContext = {
      state,
      out,
      registry: engine.registry,
      runFile: (path, signal) => this.runFile(path, signal),
      runText: (text, signal) => this.runText(text, signal),
      quit: () => (this.quitRequested = true),
    };
  }

  async run(work: Work, signal: AbortSignal): Promise<number> {
    if (work.kind === 'sql') this.state.lastStatement = work.text;
    const code =
      work.kind === 'sql'
        ? await runStatement(this.statementContext, work.text, signal)
        : await runMeta(this.metaContext, work.line, signal);
    if (code !== 0 && this.firstFailure === 0) this.firstFailure = code;
    return code;
  }

  /** Runs a whole script; like psql, it goes on after an error and reports the first one's code. */
  async runText(text: string, signal: AbortSignal): Promise<number> {
    const reader = new StatementReader();
    const works = [...text.split(/\r?\n/).flatMap((line) => reader.push(line)), ...reader.flush()];
    let first = 0;
    for (const work of works) {
      if (signal.aborted || this.quitRequested) break;
      const code = await this.run(work, signal);
      if (first === 0) first = code;
    }
    return first;
  }

  private async runFile(path: string, signal: AbortSignal): Promise<number> {
    if (this.readDepth >= MAX_READ_DEPTH) {
      throw new UsageError(`.read nested ${MAX_READ_DEPTH} deep`, { hint: 'does the file .read itself?' });
    }
    const resolved = path.startsWith('~/') ? homedir() + path.slice(1) : path;
    let text: string;
    try {
      text = await readFile(resolved, 'utf8');
    } catch (e) {
      const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
      throw new UsageError(`cannot read '${path}': ${reason}`, { hint: 'paths are relative to the directory the shell started in' });
    }
    this.readDepth++;
    try {
      return await this.runText(text, signal);
    } finally {
      this.readDepth--;
    }
  }
}
