// B5 start-up: `hookql exec "SHOW RESOURCES IN databricks_workspace.ml"` (whole process, table
// output, definition cache warm) ÷ `node -e 0`. Runs alternate which one goes first.

import { alternatingPairs, summary } from './lib/stats.js';

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
    const pairs = await alternatingPairs(ctx.runs, bare, show);
    const ratios = pairs.ratios;
    const times = { show: pairs.subject, bare: pairs.baseline };
    return { values: ratios, detail: `hookql median ${Math.round(summary(times.show).median)} ms; node -e 0 median ${Math.round(summary(times.bare).median)} ms` };
  },
};
