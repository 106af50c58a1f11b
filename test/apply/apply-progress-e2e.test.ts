// Progress on stderr: a bar on a terminal, one plain line per change otherwise.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hookql } from '../helpers/run-cli.js';
import { applyWorld, httpEntry, manifest, type ApplyWorld } from './support.js';

let w: ApplyWorld;
beforeEach(async () => {
  w = await applyWorld();
});
afterEach(async () => {
  await w.close();
});

function applyOnTerminal(args: string[]) {
  return hookql(args, { env: w.env, isTTY: true });
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
