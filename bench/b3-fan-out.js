// B3 fan-out: 8 workspaces (8 emulator processes) × 1,000 webhooks, 20 ms injected latency, page size
// 100. One `hookql exec` with `WHERE workspace IN (…8…)` ÷ the sum of 8 single-workspace `hookql exec`
// runs (each a whole process, as a script looping over workspaces would run them). One ratio per
// trial; the IN query runs before the singles in odd trials and after them in even ones.

import { csvNumber, RESOURCE } from './lib/context.js';
import { seed, startEmulators } from './lib/emulator.js';
import { sum, summary } from './lib/stats.js';

const WORKSPACES = 8;
const WEBHOOKS = 1_000;
const PAGE_SIZE = 100;
const LATENCY_MS = 20;

export default {
  id: 'B3',
  title: `fan-out IN (${WORKSPACES} workspaces) ÷ sum of ${WORKSPACES} singles (${LATENCY_MS} ms latency)`,
  unit: 'ratio',
  target: 0.25,
  defaultRuns: 5,
  async measure(ctx) {
    const emulators = await startEmulators(ctx, WORKSPACES, { faults: `latency=${LATENCY_MS}` });
    try {
      await Promise.all(emulators.map((e) => seed(e, WEBHOOKS)));
      const count = async (where, expected) => {
        const sql = `SELECT count(*) FROM ${RESOURCE} WHERE ${where} AND max_results = ${PAGE_SIZE}`;
        const r = await ctx.hookqlOk(['exec', sql, '-o', 'csv']);
        if (csvNumber(r.stdout) !== expected) throw new Error(`counted ${r.stdout.trim()} for ${where}, wanted ${expected}`);
        return r.ms;
      };
      const fanOut = () => count(`workspace IN (${emulators.map((e) => `'${e.url}'`).join(', ')})`, WORKSPACES * WEBHOOKS);
      const singles = async () => {
        const each = [];
        for (const e of emulators) each.push(await count(`workspace = '${e.url}'`, WEBHOOKS));
        return sum(each);
      };
      await fanOut(); // warm-up
      const ratios = [];
      const times = { fanOut: [], singles: [] };
      for (let i = 0; i < ctx.runs; i++) {
        const inFirst = i % 2 === 0;
        const a = inFirst ? await fanOut() : await singles();
        const b = inFirst ? await singles() : await fanOut();
        const [f, s] = inFirst ? [a, b] : [b, a];
        times.fanOut.push(f);
        times.singles.push(s);
        ratios.push(f / s);
      }
      return {
        values: ratios,
        detail: `IN query median ${Math.round(summary(times.fanOut).median)} ms; sum of singles median ${Math.round(summary(times.singles).median)} ms`,
      };
    } finally {
      await Promise.all(emulators.map((e) => e.close()));
    }
  },
};
