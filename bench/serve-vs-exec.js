#!/usr/bin/env node
// S1: the same query, per query, through `hookql serve` (psql -c, the server already running and
// warm) and through `hookql exec` (a whole process each time). Part of `npm run bench` (bench/run.js
// S1), or alone:
//
//   node bench/serve-vs-exec.js [--runs N] [--webhooks N]
//
// Both sides are whole client processes (psql, or node running hookql), so each figure includes its
// client's start-up; the server's side skips hookql's own start-up, definition loading and the
// emulator client's set-up, which is what a long-running server is for. Each run is one query each
// way (alternating which goes first); the figure is the ratio serve ÷ exec (target ≤ 1: the server
// costs less per query once warm). Every answer is checked (the count of seeded webhooks).

import { fileURLToPath } from 'node:url';
import { createContext, RESOURCE } from './lib/context.js';
import { seed, startEmulator } from './lib/emulator.js';
import { killAll, runOk, startWithFirstLine, stop } from './lib/processes.js';
import { summary } from './lib/stats.js';

const WEBHOOKS = 500;

export function serveVsExec(webhooks = WEBHOOKS) {
  return {
    id: 'S1',
    title: `psql -c "SELECT count(*) …" through a warm hookql serve ÷ hookql exec (${webhooks} webhooks)`,
    unit: 'ratio',
    target: 1.0,
    defaultRuns: 7,
    async measure(ctx) {
      const password = 'bench-password';
      const emulator = await startEmulator(ctx, {});
      let server = null;
      try {
        await seed(emulator, webhooks);
        const sql = `SELECT count(*) FROM ${RESOURCE} WHERE workspace = '${emulator.url}'`;
        const serveEnv = ctx.env({ HOOKQL_SERVE_USER: 'bench', HOOKQL_SERVE_PASSWORD: password });
        const started = await startWithFirstLine(process.execPath, [ctx.dist('cli/main.js'), 'serve', '--port', '0'], { env: serveEnv });
        server = started.child;
        const psqlEnv = { PATH: process.env.PATH ?? '', PGPASSWORD: password };
        const viaServe = async () => {
          const r = await runOk('psql', ['-X', '-At', `${started.line}?user=bench`, '-c', sql], { env: psqlEnv });
          if (Number(r.stdout.trim()) !== webhooks) throw new Error(`psql printed ${r.stdout}`);
          return r.ms;
        };
        const viaExec = async () => {
          const r = await ctx.hookqlOk(['exec', sql, '-o', 'text']);
          if (Number(r.stdout.trim()) !== webhooks) throw new Error(`exec printed ${r.stdout}`);
          return r.ms;
        };
        await viaServe(); // warm: the server's first connection builds its engine and catalogue
        await viaExec(); // warm: definitions validated and cached in HOOKQL_HOME
        const times = { serve: [], exec: [] };
        const values = [];
        for (let i = 0; i < ctx.runs; i++) {
          // Alternate which goes first, so neither always runs on a warmer machine.
          const serveFirst = i % 2 === 0;
          const a = serveFirst ? await viaServe() : await viaExec();
          const b = serveFirst ? await viaExec() : await viaServe();
          const [s, e] = serveFirst ? [a, b] : [b, a];
          times.serve.push(s);
          times.exec.push(e);
          values.push(s / e);
        }
        const s = summary(times.serve);
        const e = summary(times.exec);
        return { values, detail: `psql through serve median ${s.median.toFixed(0)} ms (min ${s.min.toFixed(0)}, max ${s.max.toFixed(0)}); hookql exec median ${e.median.toFixed(0)} ms (min ${e.min.toFixed(0)}, max ${e.max.toFixed(0)})`, times };
      } finally {
        if (server) await stop(server);
        await emulator.close();
      }
    },
  };
}

export default serveVsExec();

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
  const figure = serveVsExec(option('--webhooks', WEBHOOKS));
  const ctx = createContext({ runs: option('--runs', 15) });
  try {
    const { values, detail } = await figure.measure(ctx);
    const r = summary(values);
    process.stdout.write(`${figure.title} (${ctx.runs} runs)\n  ${detail}\n  serve ÷ exec: median ${r.median.toFixed(2)}× (min ${r.min.toFixed(2)}, max ${r.max.toFixed(2)}; target ≤ ${figure.target.toFixed(2)}×: ${r.median <= figure.target ? 'PASS' : 'MISS'})\n`);
  } finally {
    killAll();
    ctx.cleanup();
  }
}
