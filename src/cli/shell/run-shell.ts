// Starts a shell session: the engine, the settings, then the prompt (stdin is a terminal) or the
// script loop (stdin is a pipe or file). Returns the exit code; the caller sets it.

import { join } from 'node:path';
import { exitCodeOf } from '../render-error.js';
import { bannerText } from './banner.js';
import { HistoryFile } from './history-file.js';
import { hookqlHome } from '../../util/hookql-home.js';
import { runInteractive } from './interactive-loop.js';
import { ProgressLine } from '../progress-line.js';
import { runScriptMode } from './script-loop.js';
import { Session } from './session.js';
import { ShellOutput } from './shell-output.js';
import type { ShellEngine } from './engine-port.js';
import type { ShellIo, ShellOptions } from './shell-io.js';
import type { ShellState } from './shell-state.js';

export async function runShell(io: ShellIo, options: ShellOptions = {}): Promise<number> {
  const interactive = io.stdin.isTTY === true;
  const out = new ShellOutput(io, interactive);
  const home = hookqlHome(io.env);
  const progress = new ProgressLine(io.stderr);
  let engine: ShellEngine;
  try {
    engine = io.createEngine({
      env: io.env,
      homeDir: home,
      debug: out.debug ? (line) => out.note(`debug: ${line}`) : undefined,
      onProgress: (p) => progress.update(p),
    });
  } catch (e) {
    out.error(e); // e.g. a resource definition that fails validation
    return exitCodeOf(e);
  }
  const state: ShellState = {
    format: options.output ?? 'table',
    workspace: defaultWorkspace(io, options, interactive),
    vars: { ...options.vars },
    timing: options.timing ?? false,
    partial: false,
  };
  const session = new Session(engine, state, out, progress);
  try {
    if (!interactive) {
      await runScriptMode(io, session);
      return session.firstFailure;
    }
    out.data(bannerText(state, engine.registry, home));
    await runInteractive(io, session, new HistoryFile(join(home, 'history'), (m) => out.note(m)));
    return 0;
  } finally {
    progress.stop();
    await engine.close().catch((e: unknown) => out.error(e));
  }
}

/**
 * At the prompt the default workspace is `local`, so the first statement a newcomer types works
 * and the prompt shows where it goes. A script gets none unless asked (--workspace or
 * $HOOKQL_WORKSPACE): a forgotten `workspace = …` in CI should fail, not quietly read the emulator.
 */
function defaultWorkspace(io: ShellIo, options: ShellOptions, interactive: boolean): string | null {
  return options.workspace ?? (io.env.HOOKQL_WORKSPACE || (interactive ? 'local' : null));
}
