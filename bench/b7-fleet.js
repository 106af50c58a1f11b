// B7 fleet inventory: 50 workspaces × 500 webhooks, 50 ms injected latency per request, page size 100
// (5 pages per workspace, 250 requests). One `hookql exec` with `WHERE workspace IN (…50…) GROUP BY
// workspace`, at the default concurrency (8 requests in flight overall, 4 per host). The figure is
// wall time ÷ the ideal for that concurrency: 250 requests × 50 ms ÷ 8 = 1.56 s (what a client that
// always had 8 requests in flight and spent nothing else would take).
// Each run is followed by the floor (floor-fleet.js: a bare undici loop making the same 250 requests
// at 8 in flight, each workspace's pages in turn, every page parsed and counted): its loop time ÷ the
// ideal is what this machine's round trips and the 50 emulators' own work allow before any start-up.

import { csvNumber, RESOURCE } from './lib/context.js';
import { startWithFirstLine, stop } from './lib/processes.js';
import { summary } from './lib/stats.js';

const WORKSPACES = 50;
const WEBHOOKS = 500;
const PAGE_SIZE = 100;
const LATENCY_MS = 50;
const CONCURRENCY = 8; // hookql's documented default (docs/workspaces-and-auth.md)
const REQUESTS = WORKSPACES * Math.ceil(WEBHOOKS / PAGE_SIZE);
const IDEAL_MS = (REQUESTS * LATENCY_MS) / CONCURRENCY;

export default {
  id: 'B7',
  title: `inventory ${WORKSPACES} workspaces × ${WEBHOOKS} hooks, ${LATENCY_MS} ms latency, concurrency ${CONCURRENCY} ÷ ideal ${(IDEAL_MS / 1000).toFixed(2)} s`,
  unit: 'ratio',
  target: 1.3,
  defaultRuns: 5,
  async measure(ctx) {
    const { child, line } = await startWithFirstLine(process.execPath, [ctx.bench('lib/fleet-main.js'), String(WORKSPACES), ctx.token, `latency=${LATENCY_MS}`], { env: ctx.env() });
    try {
      const urls = JSON.parse(line);
      await Promise.all(urls.map((url) => seed(ctx, url)));
      const sql = `SELECT count(*) FROM (SELECT workspace, count(*) AS n FROM ${RESOURCE}
                   WHERE workspace IN (${urls.map((u) => `'${u}'`).join(', ')}) AND max_results = ${PAGE_SIZE} GROUP BY workspace) WHERE n = ${WEBHOOKS}`;
      const inventory = async () => {
        const r = await ctx.hookqlOk(['exec', sql, '-o', 'csv']);
        if (csvNumber(r.stdout) !== WORKSPACES) throw new Error(`${r.stdout.trim()} workspaces had ${WEBHOOKS} hooks, wanted ${WORKSPACES}`);
        return r.ms;
      };
      const bare = async () => {
        const r = await ctx.node([ctx.bench('floor-fleet.js'), ctx.token, String(PAGE_SIZE), String(CONCURRENCY), String(WEBHOOKS), ...urls]);
        const [complete, ms] = r.stdout.trim().split(' ').map(Number);
        if (complete !== WORKSPACES) throw new Error(`the bare loop found ${complete} workspaces with ${WEBHOOKS} hooks, wanted ${WORKSPACES}`);
        return ms;
      };
      await inventory(); // warm-up of both
      await bare();
      const walls = [];
      const floors = [];
      for (let i = 0; i < ctx.runs; i++) {
        walls.push(await inventory());
        floors.push(await bare());
      }
      const wall = summary(walls);
      const floor = summary(floors);
      return {
        values: walls.map((ms) => ms / IDEAL_MS),
        detail:
          `wall median ${(wall.median / 1000).toFixed(2)} s (ideal ${(IDEAL_MS / 1000).toFixed(2)} s = ${REQUESTS} requests × ${LATENCY_MS} ms ÷ ${CONCURRENCY}); ${WORKSPACES * WEBHOOKS} webhooks counted per run; ` +
          `floor: the same requests from a bare undici loop take ${(floor.median / 1000).toFixed(2)} s median (${(floor.median / IDEAL_MS).toFixed(2)}× the ideal, ${(floor.min / IDEAL_MS).toFixed(2)}–${(floor.max / IDEAL_MS).toFixed(2)}×)`,
      };
    } finally {
      await stop(child);
    }
  },
};

async function seed(ctx, url) {
  const res = await fetch(`${url}/__emulator/seed`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ctx.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ count: WEBHOOKS, model_names: ['churn-model', 'fraud-model'] }),
  });
  const body = await res.json();
  if (!res.ok || body.created !== WEBHOOKS) throw new Error(`seeding ${url}: ${res.status} ${JSON.stringify(body)}`);
}
