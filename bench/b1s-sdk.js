// B1s vs the official JS SDK: hookql counting 10,000 webhooks with its default page size (no
// max_results in the statement) ÷ what a user of @databricks/sdk-experimental writes for the same
// count, `for await (… client.modelRegistry.listWebhooks({}))` (bench/sdk-list.cjs on Node 22, the
// SDK's default page size: it sends no max_results). Both whole processes, the same emulator and
// data; pairs alternate which side runs first.
//
// The SDK needs Node 22, which the project does not: the bench installs `node@22` and the SDK with npm
// into a cache folder outside the repository (${XDG_CACHE_HOME:-~/.cache}/hookql-bench/sdk), once, and
// reuses it. When that cannot be done (offline, no npm) the figure is SKIPPED with the reason.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { csvNumber, RESOURCE } from './lib/context.js';
import { seed, startEmulator } from './lib/emulator.js';
import { alternatingPairs, summary } from './lib/stats.js';

const WEBHOOKS = 10_000;
const SDK_PACKAGE = '@databricks/sdk-experimental';

export default {
  id: 'B1s',
  title: `list ${WEBHOOKS / 1000}k webhooks vs the JS SDK's for-await (default pages)`,
  unit: 'ratio',
  target: 0.7,
  defaultRuns: 7,
  async measure(ctx) {
    const sdk = installSdk(ctx);
    if (sdk.skipped) return { skipped: sdk.skipped };
    const emulator = await startEmulator(ctx);
    try {
      await seed(emulator, WEBHOOKS);
      const sql = `SELECT count(*) FROM ${RESOURCE} WHERE workspace = '${emulator.url}'`;
      const hookql = async () => {
        const r = await ctx.hookqlOk(['exec', sql, '-o', 'csv']);
        if (csvNumber(r.stdout) !== WEBHOOKS) throw new Error(`hookql counted ${r.stdout.trim()}, wanted ${WEBHOOKS}`);
        return r.ms;
      };
      // DATABRICKS_CONFIG_FILE: no ~/.databrickscfg of the caller's (HOME is the bench's scratch anyway).
      const sdkRun = async () => {
        const r = await ctx.run(sdk.node, [ctx.bench('sdk-list.cjs'), sdk.dir, emulator.url, ctx.token], { env: { DATABRICKS_CONFIG_FILE: '/nonexistent' } });
        if (Number(r.stdout.trim()) !== WEBHOOKS) throw new Error(`the SDK counted ${r.stdout.trim()}, wanted ${WEBHOOKS}`);
        return r.ms;
      };
      await sdkRun(); // warm-up: page cache, emulator JIT
      await hookql();
      const pairs = await alternatingPairs(ctx.runs, sdkRun, hookql);
      const ratios = pairs.ratios;
      const times = { hookql: pairs.subject, sdk: pairs.baseline };
      const pages = Math.ceil(WEBHOOKS / 1000);
      return {
        values: ratios,
        detail: `hookql median ${ms(summary(times.hookql).median)}, SDK ${sdk.version} on Node ${sdk.nodeVersion} median ${ms(summary(times.sdk).median)} (${pages} pages each: hookql asks for 1,000 per page, the SDK sends no max_results and gets the service's default, 1,000 on the emulator)`,
      };
    } finally {
      await emulator.close();
    }
  },
};

/** The cached Node 22 + SDK, installed on first use; { node, dir, version, nodeVersion } or { skipped }. */
function installSdk(ctx) {
  const dir = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'hookql-bench', 'sdk');
  const node = join(dir, 'node_modules', 'node', 'bin', 'node');
  const entry = join(dir, 'node_modules', ...SDK_PACKAGE.split('/'), 'package.json');
  if (!existsSync(node) || !existsSync(entry)) {
    ctx.log(`installing node@22 and ${SDK_PACKAGE} into ${dir} (once)…`);
    mkdirSync(dir, { recursive: true });
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const r = spawnSync(npm, ['install', '--prefix', dir, '--no-audit', '--no-fund', 'node@22', `${SDK_PACKAGE}@latest`], { encoding: 'utf8', timeout: 180_000 });
    if (r.status !== 0 || !existsSync(node) || !existsSync(entry)) {
      const why = r.error?.message ?? (r.stderr || r.stdout || '').trim().split('\n').slice(-2).join(' | ');
      return { skipped: `SKIPPED: could not install node@22 and ${SDK_PACKAGE} into ${dir} (${why || `npm exited ${r.status}`}); run \`npm install --prefix ${dir} node@22 ${SDK_PACKAGE}\` when online` };
    }
  }
  const version = spawnSync(node, ['-p', `require(${JSON.stringify(entry)}).version`], { encoding: 'utf8' });
  const nodeVersion = spawnSync(node, ['--version'], { encoding: 'utf8' });
  if (version.status !== 0 || nodeVersion.status !== 0) return { skipped: `SKIPPED: the cached Node 22 in ${dir} does not run (${(version.stderr || nodeVersion.stderr).trim().split('\n')[0]}); delete the folder to reinstall` };
  return { node, dir, version: version.stdout.trim(), nodeVersion: nodeVersion.stdout.trim().replace(/^v/, '') };
}

const ms = (v) => `${Math.round(v)} ms`;
