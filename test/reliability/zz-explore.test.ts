import fc from 'fast-check';
import { afterAll, beforeAll, it } from 'vitest';
import { applyMutation, docVars, insertSql, mutation, STACKQL_DOCS, validCreate } from './support/arbitraries.js';
import { openSandbox, type Sandbox } from './support/sandbox.js';
import { judge } from './support/verdict.js';

let box: Sandbox;
let id = '';
beforeAll(async () => {
  box = await openSandbox();
});
afterAll(async () => box.close());

const seen = new Map<string, string>();
const endings = new Map<string, number>();
it('explore', async () => {
  const created = await box.cli(['exec', insertSql(box.emu.url, fc.sample(validCreate(box.receiver), { seed: 1, numRuns: 1 })[0]), '-o', 'json']);
  id = JSON.parse(created.stdout)[0].id;
  const docs = fc.tuple(fc.constantFrom(...STACKQL_DOCS), docVars(box.emu.url, id, box.receiver), fc.array(mutation, { minLength: 1, maxLength: 3 }));
  await fc.assert(
    fc.asyncProperty(docs, async ([sql, vars, muts]) => {
      const filled = Object.entries(vars).reduce((s, [k, v]) => s.replaceAll(`{{ ${k} }}`, v.replaceAll("'", "''")), sql);
      const text = muts.reduce(applyMutation, filled);
      const run = await box.cli(['exec', '-o', 'json', '--', text]);
      const v = judge(run);
      endings.set(String(v.ending), (endings.get(String(v.ending)) ?? 0) + 1);
      for (const p of v.problems) {
        const key = p.replace(/[0-9a-f]{32}/g, 'ID').slice(0, 120);
        if (!seen.has(key)) seen.set(key, `${text}\n=> ${run.code} ${run.stderr.slice(0, 600)}`);
      }
    }),
    { seed: 42, numRuns: 1500 },
  );
  console.log(endings);
  for (const [k, v] of seen) console.log('PROBLEM', k, '\n', v, '\n');
}, 300_000);
