// Drives the CLI in-process with captured streams, as a user would see it.

import { PassThrough, Readable } from 'node:stream';
import { createEngine } from '../../src/engine.js';
import { runCli } from '../../src/cli/run-cli.js';
import type { CliIo } from '../../src/cli/io.js';

export interface CliRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

export interface CliOptions {
  readonly env?: Record<string, string | undefined>;
  readonly stdin?: string;
  /** Pretend stderr is a terminal (progress bars). */
  readonly isTTY?: boolean;
  /** Another engine factory (tests that count or intercept what the engine does). */
  readonly createEngine?: CliIo['createEngine'];
}

export async function hookql(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  let code = 0;
  await runCli([...args], {
    stdin: Readable.from([options.stdin ?? '']),
    stdout,
    stderr,
    env: { ...options.env },
    isTTY: options.isTTY ?? false,
    setExitCode: (c) => {
      code = c;
    },
    createEngine: options.createEngine ?? createEngine,
  });
  return { stdout: out, stderr: err, code };
}
