// B4 apply: `hookql apply` of a 1,000-webhook manifest (make-manifest.js: one workspace, HTTP and job
// hooks, secrets from the environment) onto an empty workspace with 20 ms injected latency,
// `--concurrency 16`. Wall time of the whole process ÷ the ideal 1,000 × 20 ms / 16 = 1.25 s.
// The workspace is reset before every run, and every run must end with exactly 1,000 webhooks.
// Each run is followed by the floor of its creates (floor-creates.js: a bare undici loop sending the
// same 1,000 create bodies at 16 in flight to the same emulator, timed from its first request to
// its last answer), shown beside the figure: what this machine's round trips allow before any
// start-up, manifest, plan or listing; and beside it that floor plus a bare client's plan work
// (floor-plan.js: reading the same manifest with js-yaml, listing the empty workspace, pairing; its
// cold work alone timed), the least an apply must do before its first create.

import { writeFileSync } from 'node:fs';
import { barePlanMs } from './lib/bare-plan.js';
import { countWebhooks, startEmulator } from './lib/emulator.js';
import { summary } from './lib/stats.js';
import { MANIFEST_ENV, manifestText } from './make-manifest.js';

const WEBHOOKS = 1_000;
const LATENCY_MS = 20;
const CONCURRENCY = 16;
const IDEAL_MS = (WEBHOOKS * LATENCY_MS) / CONCURRENCY;

export default {
  id: 'B4',
  title: `apply ${WEBHOOKS} creates, ${LATENCY_MS} ms latency, concurrency ${CONCURRENCY} ÷ ideal ${IDEAL_MS / 1000} s`,
  unit: 'ratio',
  target: 1.15,
  defaultRuns: 5,
  async measure(ctx) {
    const manifest = ctx.tmp('b4-manifest.yaml');
    writeFileSync(manifest, manifestText(WEBHOOKS));
    const emulator = await startEmulator(ctx, { faults: `latency=${LATENCY_MS}` });
    const env = MANIFEST_ENV;
    const args = ['apply', manifest, '--var', `workspace=${emulator.url}`, '--concurrency', String(CONCURRENCY)];
    try {
      const values = [];
      const times = [];
      const requests = [];
      const floors = [];
      const planned = [];
      for (let i = 0; i < ctx.runs; i++) {
        await emulator.admin('reset', {});
        const r = await ctx.hookqlOk(args, { env });
        if (!new RegExp(`\\b${WEBHOOKS} created\\b`).test(r.stdout)) throw new Error(`apply did not report ${WEBHOOKS} created:\n${r.stdout.slice(-500)}`);
        const live = await countWebhooks(ctx, emulator);
        if (live !== WEBHOOKS) throw new Error(`after apply the workspace holds ${live} webhooks, wanted ${WEBHOOKS}`);
        const seen = (await emulator.admin('requests')).requests.length;
        values.push(r.ms / IDEAL_MS);
        times.push(r.ms);
        requests.push(seen);
        await emulator.admin('reset', {});
        const planMs = await barePlanMs(ctx, manifest, emulator, env, { updates: 0, unchanged: 0, creates: WEBHOOKS });
        const bare = await ctx.node([ctx.bench('floor-creates.js'), emulator.url, ctx.token, String(WEBHOOKS), String(CONCURRENCY)]);
        if ((await countWebhooks(ctx, emulator)) !== WEBHOOKS) throw new Error(`the bare loop did not leave ${WEBHOOKS} webhooks`);
        const createsMs = Number(bare.stdout.trim());
        floors.push(createsMs);
        planned.push(createsMs + planMs);
      }
      const wall = summary(times);
      const sent = summary(requests);
      const floor = summary(floors);
      const withPlan = summary(planned);
      return {
        values,
        detail:
          `wall median ${(wall.median / 1000).toFixed(2)} s (ideal ${IDEAL_MS / 1000} s); ${sent.median} API requests per run (countWebhooks adds ${Math.ceil(WEBHOOKS / 1000)}); ` +
          `floor: the same creates from a bare undici loop take ${(floor.median / 1000).toFixed(2)} s median (${(floor.median / IDEAL_MS).toFixed(2)}× the ideal, ${(floor.min / IDEAL_MS).toFixed(2)}–${(floor.max / IDEAL_MS).toFixed(2)}×); ` +
          `with a bare client's plan work before them ${(withPlan.median / IDEAL_MS).toFixed(2)}× (${(withPlan.min / IDEAL_MS).toFixed(2)}–${(withPlan.max / IDEAL_MS).toFixed(2)}×)`,
      };
    } finally {
      await emulator.close();
    }
  },
};
