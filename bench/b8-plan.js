// B8 plan: `hookql plan` of the 1,000-entry manifest of make-manifest.js (the same one B4 applies)
// against a workspace that already holds those 1,000 webhooks, 50 of them changed by hand since
// (a different description): the plan has mixed results, 950 unchanged and 50 updates. 20 ms
// injected latency on every API request (as B4). The figure is the wall time of the whole
// `hookql plan manifest.yaml --var workspace=<url>` process ÷ the wall time of a plain listing of
// the same hooks, `hookql exec "SELECT count(*) … WHERE workspace = '<url>'"` — both at the API's
// default page size (1,000: one list request each), both whole processes, pairs alternating which
// runs first. What plan adds over the listing is reading the manifest and diffing it.
// Each pair is followed by the floor of that addition (floor-plan.js: a bare client reading the same
// manifest with js-yaml and pairing it with the same live hooks, its own cold work timed in its own
// process), shown beside the figure as (listing + that work) ÷ listing: what a plan costs before
// hookql's validation, positions for its messages, duplicate checks and rendering.

import { writeFileSync } from 'node:fs';
import { csvNumber, RESOURCE } from './lib/context.js';
import { barePlanMs } from './lib/bare-plan.js';
import { countWebhooks, startEmulator } from './lib/emulator.js';
import { alternatingPairs, summary } from './lib/stats.js';
import { MANIFEST_ENV, manifestText } from './make-manifest.js';

const WEBHOOKS = 1_000;
const CHANGED = 50;
const LATENCY_MS = 20;

export default {
  id: 'B8',
  title: `plan ${WEBHOOKS}-entry manifest vs ${WEBHOOKS} live hooks (${CHANGED} changed), ${LATENCY_MS} ms latency ÷ the listing alone`,
  unit: 'ratio',
  target: 1.3,
  defaultRuns: 7,
  async measure(ctx) {
    const manifest = ctx.tmp('b8-manifest.yaml');
    writeFileSync(manifest, manifestText(WEBHOOKS));
    const env = MANIFEST_ENV;
    // Seeded without latency (not timed): apply the manifest, then change some hooks behind its back.
    const emulator = await startEmulator(ctx);
    try {
      await ctx.hookqlOk(['apply', manifest, '--var', `workspace=${emulator.url}`, '--concurrency', '16', '-y'], { env });
      if ((await countWebhooks(ctx, emulator)) !== WEBHOOKS) throw new Error(`seeding by apply did not leave ${WEBHOOKS} webhooks`);
      await changeDescriptions(ctx, emulator, CHANGED);
      await emulator.admin('faults', { spec: `latency=${LATENCY_MS}` });

      const planArgs = ['plan', manifest, '--var', `workspace=${emulator.url}`];
      const plan = async () => {
        const r = await ctx.hookqlOk(planArgs, { env });
        if (!new RegExp(`\\b${CHANGED} to update\\b`).test(r.stdout) || !new RegExp(`\\b${WEBHOOKS - CHANGED} unchanged\\b`).test(r.stdout)) {
          throw new Error(`plan did not report ${CHANGED} to update and ${WEBHOOKS - CHANGED} unchanged:\n${r.stdout.slice(-400)}`);
        }
        return r.ms;
      };
      const sql = `SELECT count(*) FROM ${RESOURCE} WHERE workspace = '${emulator.url}'`;
      const listing = async () => {
        const r = await ctx.hookqlOk(['exec', sql, '-o', 'csv']);
        if (csvNumber(r.stdout) !== WEBHOOKS) throw new Error(`the listing counted ${r.stdout.trim()}, wanted ${WEBHOOKS}`);
        return r.ms;
      };
      await plan(); // warm-up of both sides
      await listing();
      const floorWork = [];
      const expected = { updates: CHANGED, unchanged: WEBHOOKS - CHANGED, creates: 0 };
      const bare = async () => void floorWork.push(await barePlanMs(ctx, manifest, emulator, env, expected));
      const pairs = await alternatingPairs(ctx.runs, listing, plan, bare);
      const ratios = pairs.ratios;
      const times = { plan: pairs.subject, listing: pairs.baseline };
      const floors = pairs.baseline.map((b, i) => (b + floorWork[i]) / b);
      const ms = (values) => `${summary(values).median.toFixed(0)} ms`;
      const f = summary(floors);
      return {
        values: ratios,
        detail:
          `plan median ${ms(times.plan)}, listing median ${ms(times.listing)}; plan = ${WEBHOOKS - CHANGED} unchanged + ${CHANGED} updates, 1 list request each; ` +
          `floor: a bare client's plan work (js-yaml read, pairing, diff; cold) takes ${ms(floorWork)} median, so listing + that is ${f.median.toFixed(2)}× the listing (${f.min.toFixed(2)}–${f.max.toFixed(2)}×)`,
      };
    } finally {
      await emulator.close();
    }
  },
};

/** Gives every n-th hook that has a description another one, through the API (PATCH update). */
async function changeDescriptions(ctx, emulator, count) {
  const headers = { authorization: `Bearer ${ctx.token}`, 'content-type': 'application/json' };
  const res = await fetch(`${emulator.url}/api/2.0/mlflow/registry-webhooks/list?max_results=1000`, { headers });
  const described = ((await res.json()).webhooks ?? []).filter((w) => typeof w.description === 'string' && w.description !== '');
  const step = Math.floor(described.length / count);
  if (step < 1) throw new Error(`only ${described.length} webhooks have a description, wanted ${count} to change`);
  for (let i = 0; i < count; i++) {
    const hook = described[i * step];
    const r = await fetch(`${emulator.url}/api/2.0/mlflow/registry-webhooks/update`, { method: 'PATCH', headers, body: JSON.stringify({ id: hook.id, description: `${hook.description} (edited by hand)` }) });
    if (!r.ok) throw new Error(`updating ${hook.id}: ${r.status} ${await r.text()}`);
  }
}
