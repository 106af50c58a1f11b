import { afterAll, beforeAll, it } from 'vitest';
import { BAD_VALUES, badInsert, badStatements } from './support/arbitraries.js';
import { openSandbox, type Sandbox } from './support/sandbox.js';
import { judge } from './support/verdict.js';

let box: Sandbox;
beforeAll(async () => { box = await openSandbox(); });
afterAll(async () => box.close());
it('explore2', async () => {
  const all = [...badStatements(box.emu.url), ...Object.entries(BAD_VALUES).flatMap(([c, vs]) => vs.map((v) => badInsert(box.emu.url, c, v)))];
  for (const sql of all) {
    const run = await box.cli(['exec', '-o', 'json', '--', sql]);
    const v = judge(run);
    if (v.problems.length > 0 || v.ending !== 'input-error') console.log(v.ending, v.problems, '\n', sql, '\n=>', run.code, run.requests, run.stderr.slice(0, 400), run.stdout.slice(0, 200));
  }
}, 60_000);
