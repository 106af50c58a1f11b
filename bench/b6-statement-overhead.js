// B6 statement overhead: parse + plan per StackQL documentation statement, in-process (b6-worker.js,
// one fresh process per run). The figure is the SLOWEST statement's median — every documentation
// statement must be within the target, not just the typical one; the others are in the detail.

import { summary } from './lib/stats.js';

export default {
  id: 'B6',
  title: 'parse + plan per StackQL doc statement (slowest of 5, warm)',
  unit: 'ms',
  target: 1,
  defaultRuns: 5,
  async measure(ctx) {
    const runs = [];
    for (let i = 0; i < ctx.runs; i++) runs.push(JSON.parse((await ctx.node([ctx.bench('b6-worker.js')])).stdout));
    const values = runs.map((r) => Math.max(...r.map((s) => s.medianMs)));
    const per = runs[0].map((s, j) => `${s.title} ${summary(runs.map((r) => r[j].medianMs)).median.toFixed(3)}`);
    const cold = summary(runs.map((r) => Math.max(...r.map((s) => s.coldMs)))).median;
    return { values, detail: `median ms per statement: ${per.join('; ')}; first call in a fresh process up to ${cold.toFixed(1)} ms` };
  },
};
