#!/usr/bin/env node
// `npm run bench`: every figure of issue 7, each against its target, as one table.
//
//   node bench/run.js [B1 B2 …] [--runs N] [--record]
//
// Each figure runs at least 5 times (--runs raises that; some figures default higher) and reports the
// median, min and max. --record also writes the table to bench/RESULTS.md. Exit status: 0 when every
// figure was measured (PASS or MISS), 1 when one could not be measured. See bench/README.md.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import b1 from './b1-list-overhead.js';
import b1s from './b1s-sdk.js';
import b2 from './b2-memory.js';
import b3 from './b3-fan-out.js';
import b4 from './b4-apply.js';
import b5 from './b5-startup.js';
import b6 from './b6-statement-overhead.js';
import b7 from './b7-fleet.js';
import b8 from './b8-plan.js';
import j1 from './j1-coverage-join.js';
import s1 from './serve-vs-exec.js';
import { createContext } from './lib/context.js';
import { killAll } from './lib/processes.js';
import { summary } from './lib/stats.js';

const FIGURES = [b1, b1s, b2, b3, b4, b5, b6, b7, b8, j1, s1];
const MIN_RUNS = 5;

const { ids, runs, record } = parseArgs(process.argv.slice(2));
const started = performance.now();
const root = fileURLToPath(new URL('..', import.meta.url));
ensureBuilt(root);

const machine = {
  date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  cores: availableParallelism(),
  cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
  node: process.version,
  loadBefore: loadavg()[0],
};
process.stderr.write(`hookql benchmarks: ${machine.cores} cores, ${machine.cpu}, Node ${machine.node}, load average ${machine.loadBefore.toFixed(2)}\n`);

const rows = [];
const ctxFor = (figure) => createContext({ runs: Math.max(runs ?? 0, figure.defaultRuns, MIN_RUNS) });
for (const figure of FIGURES.filter((f) => ids.length === 0 || ids.includes(f.id))) {
  const ctx = ctxFor(figure);
  const t0 = performance.now();
  process.stderr.write(`${figure.id} ${figure.title} (${ctx.runs} runs)…\n`);
  try {
    // A user's steady state: the resource definitions already validated and cached in HOOKQL_HOME.
    await ctx.hookqlOk(['exec', 'SHOW RESOURCES']);
    const { values, detail, skipped } = await figure.measure(ctx);
    // A figure whose anchor cannot be had here (B1s offline) says so; it is neither a PASS nor an ERROR.
    if (skipped) {
      rows.push({ figure, skipped, seconds: (performance.now() - t0) / 1000 });
      continue;
    }
    const s = summary(values);
    rows.push({ figure, ...s, pass: s.median <= figure.target, detail, seconds: (performance.now() - t0) / 1000 });
  } catch (error) {
    rows.push({ figure, error: error instanceof Error ? error.message : String(error), seconds: (performance.now() - t0) / 1000 });
  } finally {
    ctx.cleanup();
  }
}
killAll();
machine.loadAfter = loadavg()[0];
const totalSeconds = (performance.now() - started) / 1000;

const text = render(rows, machine, totalSeconds);
process.stdout.write(text);
if (record) writeFileSync(join(root, 'bench', 'RESULTS.md'), resultsMarkdown(text, machine));
process.exitCode = rows.some((r) => r.error) ? 1 : 0;

function parseArgs(argv) {
  const out = { ids: [], runs: undefined, record: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--record') out.record = true;
    else if (a === '--runs') {
      out.runs = Number(argv[++i]);
      if (!Number.isInteger(out.runs) || out.runs < MIN_RUNS) usage(`--runs needs a whole number ≥ ${MIN_RUNS}`);
    } else if (/^(B[1-8]|B1s|J1|S1)$/i.test(a)) out.ids.push(a.toUpperCase().replace(/^B1S$/, 'B1s'));
    else usage(`unknown argument '${a}'`);
  }
  return out;
}

function usage(message) {
  process.stderr.write(`bench: ${message}\nusage: node bench/run.js [B1, B1s … B8, J1, S1] [--runs N] [--record]\n`);
  process.exit(2);
}

/** A fresh clone has no dist/ until `npm install` (prepare) or `npm run build`; build it then (tsc, then the bundle). */
function ensureBuilt(dir) {
  const main = join(dir, 'dist', 'bundle', 'cli.cjs');
  if (!existsSync(main) || !existsSync(join(dir, 'dist', 'emulator', 'main.js'))) {
    process.stderr.write('dist/ not found: building (tsc, then the esbuild bundle)…\n');
    for (const args of [[join(dir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(dir, 'tsconfig.json')], [join(dir, 'scripts', 'bundle.js')]]) {
      const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
      if (r.status !== 0) usage('the build failed; fix it, then run the benchmarks again');
    }
    return;
  }
  const built = statSync(main).mtimeMs;
  const newer = readdirSync(join(dir, 'src'), { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith('.ts') && statSync(join(dir, 'src', f)).mtimeMs > built);
  if (newer) process.stderr.write(`warning: src/${newer} is newer than dist/; these figures are for the last build (npm run build)\n`);
}

function format(figure, v) {
  switch (figure.unit) {
    case 'ratio':
      return `${v.toFixed(2)}×`;
    case 'MB':
      return `${v.toFixed(0)} MB`;
    default:
      return `${v.toFixed(3)} ${figure.unit}`;
  }
}

function render(results, m, seconds) {
  const header = ['figure', 'what', 'median', 'min', 'max', 'target', 'result'];
  const table = results.map((r) =>
    r.error || r.skipped
      ? [r.figure.id, r.figure.title, '—', '—', '—', `≤ ${format(r.figure, r.figure.target)}`, r.error ? 'ERROR' : 'SKIPPED']
      : [r.figure.id, `${r.figure.title} [n=${r.n}]`, format(r.figure, r.median), format(r.figure, r.min), format(r.figure, r.max), `≤ ${format(r.figure, r.figure.target)}`, r.pass ? 'PASS' : 'MISS'],
  );
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  const line = (cells) => cells.map((c, i) => (i >= 2 && i <= 5 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  const notes = results.map((r) => `${r.figure.id}: ${r.error ? `ERROR ${r.error.split('\n').slice(0, 6).join(' | ')}` : (r.skipped ?? r.detail)} (${r.seconds.toFixed(0)} s)`);
  return [
    `hookql benchmarks — ${m.date}; ${m.cores} cores (${m.cpu}); Node ${m.node}; load average ${m.loadBefore.toFixed(2)} before, ${m.loadAfter.toFixed(2)} after`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...table.map(line),
    '',
    ...notes,
    '',
    `total ${seconds.toFixed(0)} s`,
    '',
  ].join('\n');
}

function resultsMarkdown(table, m) {
  return `# Benchmark results

The last recorded run of \`npm run bench -- --record\` (what each figure means and how to reproduce
it: [README.md](README.md)). Measured ${m.date} on ${m.cores} cores (${m.cpu}), Node ${m.node}.

\`\`\`
${table.trimEnd()}
\`\`\`
`;
}
