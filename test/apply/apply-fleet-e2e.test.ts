// The generated 200-webhook fleet across two workspaces (two emulators): applied at concurrency,
// idempotent, and convergent after injected failures — with no duplicate and nothing missing.

import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { applyWorld, RESOURCE, type ApplyWorld } from './support.js';

const FLEET = join(import.meta.dirname, '../../manifests/examples/fleet-200.yaml');
const ENV = { FLEET_HOOK_SECRET: 'fleet-hook-secret-8812', FLEET_JOB_TOKEN: 'dapi-fleet-job-6620' };

let w: ApplyWorld;
let b: RunningEmulator;
beforeEach(async () => {
  w = await applyWorld();
  b = await startEmulator({ port: 0, allowHttpTargets: true });
});
afterEach(async () => {
  await Promise.all([w.close(), b.close()]);
});

const vars = () => ['--var', `workspace_a=${w.emu.url}`, '--var', `workspace_b=${b.url}`];

/** Natural keys of every live row in one workspace, to count duplicates. */
async function keys(url: string): Promise<string[]> {
  const rows = await w.sql(`SELECT model_name, json_extract(http_url_spec, '$.url') AS url, json_extract(job_spec, '$.job_id') AS job FROM ${RESOURCE} WHERE workspace = '${url}'`);
  return rows.map((r) => JSON.stringify([r.model_name, r.url, r.job])).sort();
}

describe('the 200-webhook fleet', () => {
  it('when applied to two workspaces then every entry exists once, and a second run changes nothing', async () => {
    const run = await w.cli(['apply', FLEET, ...vars(), '--concurrency', '8'], ENV);
    expect(run.stderr.split('\n').filter((l) => l.startsWith('created'))).toHaveLength(200);
    expect(run.stdout).toContain('Apply complete: 200 created, 0 updated, 0 deleted, 0 unchanged, 0 failed.');
    for (const url of [w.emu.url, b.url]) {
      const k = await keys(url);
      expect(k).toHaveLength(100);
      expect(new Set(k).size).toBe(100);
    }
    const again = await w.cli(['plan', FLEET, ...vars(), '--detailed-exitcode'], ENV);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes: 200 webhooks unchanged.');
    for (const out of [run.stdout, run.stderr, again.stdout]) for (const s of Object.values(ENV)) expect(out).not.toContain(s);
  });

  it('when a fraction of requests fail then apply reports them, exits 1, and a second apply converges', async () => {
    // Seeded: the plan's first list draws a pass, so the failures land on the changes.
    w.emu.setFaults('500=0.45,drop-after=0.05,seed=11');
    b.setFaults('500=0.45,drop-after=0.05,seed=12');
    const faulty = await w.cli(['apply', FLEET, ...vars()], ENV);
    expect(faulty.stderr).not.toContain('error [');
    expect(faulty.code).toBe(1);
    const failed = Number(/, (\d+) failed\./.exec(faulty.stdout)?.[1]);
    expect(failed).toBeGreaterThan(0);
    expect(faulty.stdout.match(/^ {2}✗ /gm)).toHaveLength(failed);
    expect(faulty.stdout).toContain('Run apply again to retry');

    w.emu.setFaults('');
    b.setFaults('');
    const retry = await w.cli(['apply', FLEET, ...vars()], ENV);
    expect(retry.code).toBe(0);
    expect(retry.stdout).toMatch(/Apply complete: \d+ created, 0 updated, 0 deleted, \d+ unchanged, 0 failed\./);
    for (const url of [w.emu.url, b.url]) {
      const k = await keys(url);
      expect(new Set(k).size).toBe(100);
      expect(k).toHaveLength(100);
    }
    expect((await w.cli(['plan', FLEET, ...vars(), '--detailed-exitcode'], ENV)).code).toBe(0);
  }, 120_000);
});
