// B5 start-up: `hookql exec "SHOW RESOURCES IN databricks_workspace.ml"` (whole process, table
// output, definition cache warm) ÷ `node -e 0`. Runs alternate which one goes first.

import { summary } from './lib/stats.js';

export default {
  id: 'B5',
  title: 'start-up: SHOW RESOURCES ÷ node -e 0',
  unit: 'ratio',
  target: 2.5,
  defaultRuns: 10,
  async measure(ctx) {
    const show = async () => {
      const r = await ctx.hookqlOk(['exec', 'SHOW RESOURCES IN databricks_workspace.ml']);
      if (!r.stdout.includes('model_registry_webhooks')) throw new Error(`SHOW RESOURCES printed:\n${r.stdout}`);
      return r.ms;
    };
    const bare = async () => (await ctx.node(['-e', '0'])).ms;
    await show(); // warm-up: the first run validates and caches the resource definitions
    await bare();
    const ratios = [];
    const times = { show: [], bare: [] };
    for (let i = 0; i < ctx.runs; i++) {
      const [a, b] = i % 2 === 0 ? [bare, show] : [show, bare];
      const first = await a();
      const second = await b();
      const [n, s] = i % 2 === 0 ? [first, second] : [second, first];
      times.bare.push(n);
      times.show.push(s);
      ratios.push(s / n);
    }
    return { values: ratios, detail: `hookql median ${Math.round(summary(times.show).median)} ms; node -e 0 median ${Math.round(summary(times.bare).median)} ms` };
  },
};
