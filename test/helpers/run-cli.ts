// Drives the CLI in-process with captured streams, as a user would see it.

import { PassThrough, Readable } from 'node:stream';
import { createEngine } from '../../src/engine.js';
import { runCli } from '../../src/cli/run-cli.js';

export interface CliRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

export async function hookql(args: string[], options: { env?: Record<string, string | undefined>; stdin?: string } = {}): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  let code = 0;
  await runCli(args, {
    stdin: Readable.from([options.stdin ?? '']),
    stdout,
    stderr,
    env: { ...options.env },
    isTTY: false,
    setExitCode: (c) => {
      code = c;
    },
    createEngine,
  });
  return { stdout: out, stderr: err, code };
}
