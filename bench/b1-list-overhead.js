// B1 list overhead: `hookql exec "SELECT count(*) …"` over 10,000 webhooks, page size 100 (whole
// process: start-up, 100 pages, SQLite, output) ÷ a minimal undici script that fetches the same 100
// pages and counts (floor-list.js). No injected latency: this is hookql's own cost over the floor.
// Runs alternate (floor first, then hookql first) so drift on a shared machine hits both sides.

import { csvNumber, RESOURCE } from './lib/context.js';
import { seed, startEmulator } from './lib/emulator.js';
import { alternatingPairs, summary } from './lib/stats.js';

const WEBHOOKS = 10_000;
const PAGE_SIZE = 100;

export default {
  id: 'B1',
  title: `list overhead vs undici floor (${WEBHOOKS / 1000}k webhooks, page ${PAGE_SIZE})`,
  unit: 'ratio',
  target: 1.1,
  defaultRuns: 7,
  async measure(ctx) {
    const emulator = await startEmulator(ctx);
    try {
      await seed(emulator, WEBHOOKS);
      const sql = `SELECT count(*) FROM ${RESOURCE} WHERE workspace = '${emulator.url}' AND max_results = ${PAGE_SIZE}`;
      const hookql = async () => {
        const r = await ctx.hookqlOk(['exec', sql, '-o', 'csv']);
        if (csvNumber(r.stdout) !== WEBHOOKS) throw new Error(`hookql counted ${r.stdout.trim()}, wanted ${WEBHOOKS}`);
        return r.ms;
      };
      const floor = async () => {
        const r = await ctx.node([ctx.bench('floor-list.js'), emulator.url, ctx.token, String(PAGE_SIZE)]);
        if (Number(r.stdout.trim()) !== WEBHOOKS) throw new Error(`floor counted ${r.stdout.trim()}, wanted ${WEBHOOKS}`);
        return r.ms;
      };
      await floor(); // warm-up: page cache, emulator JIT
      await hookql();
      const pairs = await alternatingPairs(ctx.runs, floor, hookql);
      const ratios = pairs.ratios;
      const times = { hookql: pairs.subject, floor: pairs.baseline };
      const h = summary(times.hookql);
      const f = summary(times.floor);
      return { values: ratios, detail: `hookql median ${ms(h.median)}, floor median ${ms(f.median)} (${WEBHOOKS / PAGE_SIZE} pages each)` };
    } finally {
      await emulator.close();
    }
  },
};

const ms = (v) => `${Math.round(v)} ms`;
