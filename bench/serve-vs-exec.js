#!/usr/bin/env node
// The same query, per query, through `hookql serve` (psql -c, the server already running and warm)
// and through `hookql exec` (a whole process each time):
//
//   node bench/serve-vs-exec.js [--runs N] [--webhooks N]
//
// Both sides are whole client processes (psql, or node running hookql), so each figure includes its
// client's start-up; the server's side skips hookql's own start-up, definition loading and the
// emulator client's set-up, which is what a long-running server is for. Prints medians and the
// ratio serve ÷ exec (target ≤ 1: the server should cost less per query once warm).

import { createContext, RESOURCE } from './lib/context.js';
import { seed, startEmulator } from './lib/emulator.js';
import { killAll, runOk, startWithFirstLine, stop } from './lib/processes.js';
import { summary } from './lib/stats.js';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const runs = option('--runs', 15);
const webhooks = option('--webhooks', 500);

const ctx = createContext({ runs });
const password = 'bench-password';
try {
  const emulator = await startEmulator(ctx, {});
  await seed(emulator, webhooks);
  const sql = `SELECT count(*) FROM ${RESOURCE} WHERE workspace = '${emulator.url}'`;
  const serveEnv = ctx.env({ HOOKQL_SERVE_USER: 'bench', HOOKQL_SERVE_PASSWORD: password });
  const { child: server, line: url } = await startWithFirstLine(process.execPath, [ctx.dist('cli/main.js'), 'serve', '--port', '0'], { env: serveEnv });
  const psqlEnv = { PATH: process.env.PATH ?? '', PGPASSWORD: password };
  const viaServe = async () => {
    const r = await runOk('psql', ['-X', '-At', `${url}?user=bench`, '-c', sql], { env: psqlEnv });
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
  for (let i = 0; i < runs; i++) {
    // Alternate which goes first, so neither always runs on a warmer machine.
    const order = i % 2 === 0 ? ['serve', 'exec'] : ['exec', 'serve'];
    for (const side of order) times[side].push(await (side === 'serve' ? viaServe() : viaExec()));
  }
  const s = summary(times.serve);
  const e = summary(times.exec);
  const ratio = s.median / e.median;
  process.stdout.write(
    [
      `serve vs exec: ${sql.replace(emulator.url, '<emulator>')} (${webhooks} webhooks, ${runs} runs each)`,
      `  psql -c through hookql serve: median ${s.median.toFixed(0)} ms (min ${s.min.toFixed(0)}, max ${s.max.toFixed(0)})`,
      `  hookql exec:                  median ${e.median.toFixed(0)} ms (min ${e.min.toFixed(0)}, max ${e.max.toFixed(0)})`,
      `  serve ÷ exec: ${ratio.toFixed(2)}× (target ≤ 1.00×: ${ratio <= 1 ? 'PASS' : 'MISS'})`,
      '',
    ].join('\n'),
  );
  await stop(server);
  await emulator.close();
} finally {
  killAll();
  ctx.cleanup();
}
