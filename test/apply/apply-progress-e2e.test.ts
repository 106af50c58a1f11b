// Progress on stderr: a bar on a terminal, one plain line per change otherwise.

import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { createEngine } from '../../src/engine.js';
import { applyWorld, httpEntry, manifest, type ApplyWorld } from './support.js';

let w: ApplyWorld;
beforeEach(async () => {
  w = await applyWorld();
});
afterEach(async () => {
  await w.close();
});

async function applyOnTerminal(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  let code = 0;
  await runCli(args, { stdin: Readable.from(['']), stdout, stderr, env: w.env, isTTY: true, setExitCode: (c) => (code = c), createEngine });
  return { stdout: out, stderr: err, code };
}

describe('apply progress', () => {
  const file = () => w.write('m.yaml', manifest(w.emu.url, ['a', 'b', 'c'].map((n) => httpEntry(n, n, `https://h.example.com/${n}`))));

  it('when stderr is a terminal then a progress bar counts done/total, failures, rate and ETA', async () => {
    const run = await applyOnTerminal(['apply', file()]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/apply \|[█░]+\| 3\/3 changes \| 0 failed \| [\d.]+\/s \| ETA /);
    expect(run.stdout).toContain('Apply complete: 3 created');
  });

  it('when stderr is not a terminal then each change gets one plain line', async () => {
    const run = await w.cli(['apply', file()]);
    expect(run.stderr.trim().split('\n').map((l) => l.split(/\s+/)[0])).toEqual(['created', 'created', 'created']);
  });
});
