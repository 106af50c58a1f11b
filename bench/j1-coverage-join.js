// J1 coverage JOIN: one emulator with 500 registered models and 2,000 webhooks (1,000 ACTIVE hooks on
// production transitions over models 0–249, 1,000 hooks on version creation over models 250–499), 20 ms
// injected latency. Wall time of the coverage JOIN (models with no ACTIVE hook on production
// transitions, docs/registry.md) ÷ wall time of one statement that only lists both tables
// (`SELECT (SELECT count(*) FROM models …), (SELECT count(*) FROM hooks …)`): what the JOIN costs on
// top of fetching its two sides. Every run is checked (250 uncovered models; 500 and 2,000 rows) and
// the note reports the API requests each side sent (from the emulator's request log).

import { csvNumber } from './lib/context.js';
import { startEmulator } from './lib/emulator.js';
import { summary } from './lib/stats.js';

const MODELS = 500;
const HOOKS = 2_000;
const LATENCY_MS = 20;
const M = 'databricks_workspace.ml.model_registry';
const W = 'databricks_workspace.ml.model_registry_webhooks';
const names = (from, to) => Array.from({ length: to - from }, (_, i) => `model-${String(from + i).padStart(3, '0')}`);

export default {
  id: 'J1',
  title: `coverage JOIN (${MODELS} models × ${HOOKS.toLocaleString('en-US')} hooks, ${LATENCY_MS} ms latency) ÷ its two listings alone`,
  unit: 'ratio',
  target: 1.25,
  defaultRuns: 5,
  async measure(ctx) {
    const emulator = await startEmulator(ctx, { faults: `latency=${LATENCY_MS}` });
    try {
      await emulator.admin('seed', { registered_models: names(0, MODELS) });
      await emulator.admin('seed', { count: HOOKS / 2, model_names: names(0, MODELS / 2), events: ['MODEL_VERSION_TRANSITIONED_TO_PRODUCTION'], status: 'ACTIVE' });
      await emulator.admin('seed', { count: HOOKS / 2, model_names: names(MODELS / 2, MODELS), events: ['MODEL_VERSION_CREATED'], status: 'ACTIVE' });
      const ws = emulator.url;
      const join = `SELECT count(*) FROM ${M} m
        LEFT JOIN ${W} w ON w.model_name = m.name AND w.workspace = '${ws}' AND w.status = 'ACTIVE'
         AND EXISTS (SELECT 1 FROM json_each(w.events) e WHERE e.value = 'MODEL_VERSION_TRANSITIONED_TO_PRODUCTION')
        WHERE m.workspace = '${ws}' AND w.id IS NULL`;
      const listings = `SELECT (SELECT count(*) FROM ${M} WHERE workspace = '${ws}') * 100000 + (SELECT count(*) FROM ${W} WHERE workspace = '${ws}')`;
      // The request log is a bounded ring: count the entries after the last one seen before the run.
      const lastSeq = async () => (await emulator.admin('requests')).requests.at(-1)?.seq ?? 0;
      const timed = async (sql, expected) => {
        const before = await lastSeq();
        const r = await ctx.hookqlOk(['exec', sql, '-o', 'csv']);
        if (csvNumber(r.stdout) !== expected) throw new Error(`got ${r.stdout.trim()}, wanted ${expected}`);
        return { ms: r.ms, requests: (await emulator.admin(`requests?since=${before}`)).requests.length };
      };
      const runJoin = () => timed(join, MODELS / 2);
      const runListings = () => timed(listings, MODELS * 100000 + HOOKS);
      await runJoin(); // warm-up
      await runListings();
      const ratios = [];
      const sides = { join: [], listings: [] };
      let requests = { join: 0, listings: 0 };
      for (let i = 0; i < ctx.runs; i++) {
        const joinFirst = i % 2 === 0;
        const a = joinFirst ? await runJoin() : await runListings();
        const b = joinFirst ? await runListings() : await runJoin();
        const [j, l] = joinFirst ? [a, b] : [b, a];
        sides.join.push(j.ms);
        sides.listings.push(l.ms);
        requests = { join: j.requests, listings: l.requests };
        ratios.push(j.ms / l.ms);
      }
      return {
        values: ratios,
        detail: `JOIN median ${Math.round(summary(sides.join).median)} ms, ${requests.join} requests; ` +
          `the two listings alone median ${Math.round(summary(sides.listings).median)} ms, ${requests.listings} requests`,
      };
    } finally {
      await emulator.close();
    }
  },
};
