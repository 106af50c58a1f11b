// Runs runShell in-process on PassThrough streams, optionally dressed up as a terminal, with the
// fake engine; collects stdout/stderr so tests can wait for text and assert on it.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runShell, type ShellEngineOptions, type ShellOptions } from '../../src/cli/shell/index.js';
import { fakeEngine } from './fake-engine.js';

export interface StartOptions {
  readonly tty?: boolean;
  readonly env?: Record<string, string | undefined>;
  readonly options?: ShellOptions;
  readonly columns?: number;
  /** Replaces the fake engine (e.g. one that fails to start). */
  readonly createEngine?: (o: ShellEngineOptions) => ReturnType<typeof fakeEngine>;
}

// Cursor moves, erase-line and colour codes that readline and the renderer write to a terminal.
export const stripAnsi = (s: string) => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');

export function tempHome(): string {
  return mkdtempSync(join(tmpdir(), 'hookql-shell-'));
}

export function startShell(start: StartOptions = {}) {
  const tty = start.tty ?? false;
  const stdin = Object.assign(new PassThrough(), { isTTY: tty, setRawMode: () => stdin });
  const stdout = Object.assign(new PassThrough(), { isTTY: tty, columns: start.columns ?? 100 });
  const stderr = Object.assign(new PassThrough(), { isTTY: tty });
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  let engine: ReturnType<typeof fakeEngine> | undefined;
  const env = { HOOKQL_HOME: tempHome(), ...start.env };
  const exitCodes: number[] = [];
  const done = runShell(
    {
      stdin, stdout, stderr, env,
      setExitCode: (c) => exitCodes.push(c),
      createEngine: (o: ShellEngineOptions) => (engine = (start.createEngine ?? fakeEngine)(o)),
    },
    start.options,
  );
  const harness = {
    stdin, env, done,
    get engine() {
      if (engine === undefined) throw new Error('engine not created yet');
      return engine;
    },
    stdout: () => stripAnsi(out),
    stderr: () => stripAnsi(err),
    rawStdout: () => out,
    rawStderr: () => err,
    type: (text: string) => void stdin.write(text),
    /** Waits until `text` (or a match) appears in the stream, after `from` characters. */
    async waitFor(pattern: string | RegExp, stream: 'stdout' | 'stderr' = 'stdout', from = 0, timeoutMs = 8000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const text = (stream === 'stdout' ? harness.stdout() : harness.stderr()).slice(from);
        if (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text)) return;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(pattern)} on ${stream}; got:\n${text}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
  };
  return harness;
}

/** Script mode: feed `input` as piped stdin, wait for the exit code. */
export async function runScript(input: string, start: StartOptions = {}) {
  const h = startShell({ ...start, tty: false });
  h.stdin.end(input);
  const code = await h.done;
  return { code, stdout: h.stdout(), stderr: h.stderr(), engine: h.engine, env: h.env };
}
