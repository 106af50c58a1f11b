// B2 memory: peak RSS of the whole `hookql exec "SELECT count(*) …"` process over 100,000 webhooks,
// page size 100 (1,000 pages). Pages are inserted into SQLite as they arrive, so the peak should not
// grow with the number of webhooks. Peak RSS comes from `/usr/bin/time -v` when installed, else from
// sampling VmHWM in /proc/PID/status (see lib/processes.js). MB = 10^6 bytes.

import { existsSync } from 'node:fs';
import { csvNumber, RESOURCE } from './lib/context.js';
import { seed, startEmulator } from './lib/emulator.js';
import { summary } from './lib/stats.js';

const WEBHOOKS = 100_000;
const PAGE_SIZE = 100;

export default {
  id: 'B2',
  title: `peak RSS, count(*) over ${WEBHOOKS / 1000}k webhooks (page ${PAGE_SIZE})`,
  unit: 'MB',
  target: 100,
  defaultRuns: 5,
  async measure(ctx) {
    const emulator = await startEmulator(ctx);
    try {
      await seed(emulator, WEBHOOKS);
      const sql = `SELECT count(*) FROM ${RESOURCE} WHERE workspace = '${emulator.url}' AND max_results = ${PAGE_SIZE}`;
      const values = [];
      const times = [];
      for (let i = 0; i < ctx.runs; i++) {
        const r = await ctx.hookqlOk(['exec', sql, '-o', 'csv'], { peakRss: true });
        if (csvNumber(r.stdout) !== WEBHOOKS) throw new Error(`hookql counted ${r.stdout.trim()}, wanted ${WEBHOOKS}`);
        values.push((r.peakRssKb * 1024) / 1e6);
        times.push(r.ms);
      }
      const source = existsSync('/usr/bin/time') ? '/usr/bin/time -v' : 'VmHWM sampling';
      return { values, detail: `peak RSS from ${source}; ${Math.round(summary(times).median)} ms per run` };
    } finally {
      await emulator.close();
    }
  },
};
