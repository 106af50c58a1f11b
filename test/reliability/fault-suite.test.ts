// The fault suite: hookql against emulators that fail on purpose — 10% 503, 5% 429 with Retry-After,
// 2% connections dropped after the write was applied (seeded, so every run replays the same faults
// for the same request order). Reads return the exact number of rows or fail loudly, never a
// partial result; applies converge to the manifest with no duplicate and nothing missing, also after
// the emulator is killed with SIGKILL mid-apply and restarted on its file; a multi-row INSERT under
// dropped connections creates each row once. Checks read the emulator's own REST API with faults
// off (support/live-state.ts), never through hookql.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { RESOURCE, sqlString } from './support/arbitraries.js';
import { killAll, spawnEmulator, type ChildEmulator } from './support/child-emulator.js';
import { Figures } from './support/figures.js';
import { duplicatesIn, expectedFromManifest, faultsInjected, fieldsOf, keyOf, listLive, setFaults } from './support/live-state.js';
import { openSandbox, type CliRun, type Sandbox } from './support/sandbox.js';

// Generous: a loaded 2-core CI machine runs other files beside this one; nothing here is timed.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 120_000 });

const FAULTS = (seed: number) => `503=0.1,429=0.05,drop-after=0.02,seed=${seed}`;
const FLEET = join(import.meta.dirname, '../../manifests/examples/fleet-200.yaml');
const FLEET_ENV = { FLEET_HOOK_SECRET: 'fleet-hook-secret-4e1d', FLEET_JOB_TOKEN: 'dapi-fleet-job-token-90ab', HOOKQL_DEBUG: '1' };
const COUNT = 2_000;

const figures = new Figures('fault suite');
for (const name of ['duplicates found (must be 0)', 'rows missing (must be 0)', 'wrong results (must be 0)', 'faults injected', 'requests retried']) figures.add(name, 0);
let box: Sandbox;
let second: RunningEmulator;

beforeAll(async () => {
  box = await openSandbox({ faults: FAULTS(1) });
  second = await startEmulator({ port: 0, faults: FAULTS(2) });
});

afterAll(async () => {
  killAll();
  await box?.close();
  await second?.close();
  console.log(figures.report());
});

/** A command under faults; its retries are counted from the HOOKQL_DEBUG lines (`attempt 2`, …). */
async function run(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const result = await box.cli(args, { env: { HOOKQL_DEBUG: '1', ...env } });
  figures.add('commands run');
  figures.add('requests retried', (result.stderr.match(/^debug: http → .* attempt ([2-9]|\d{2,})\b/gm) ?? []).length);
  return result;
}

/**
 * A loud failure: exit 1, a typed error (stderr) or a failure line (a change's, on stderr, or the
 * summary's `✗ … [CODE]`, on stdout: a run that only met conflicts — another machine's duplicate
 * not yet converged — prints no change line), and nothing presented as a result.
 */
function expectLoudFailure(result: CliRun, what: string): void {
  expect(result.code, `${what}\n${result.stderr.slice(-2000)}`).toBe(1);
  expect(`${result.stderr}\n${result.stdout}`).toMatch(/^error \[[A-Z_0-9]+\]|^failed |^ {2}✗ .*\[[A-Z_0-9]+\]/m);
  figures.add('loud failures (exit 1)');
}

/**
 * Re-runs a command until it exits 0 (each failed run must fail loudly); returns the last run.
 * `pauseMs` waits that long times the run number between runs, as a person re-running it would.
 */
async function untilSuccess(what: string, attempt: () => Promise<CliRun>, most = 6, pauseMs = 0): Promise<CliRun> {
  for (let i = 1; ; i++) {
    const result = await attempt();
    if (result.code === 0) return result;
    expectLoudFailure(result, what);
    if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs * i));
    if (i >= most) throw new Error(`${what}: still failing after ${most} runs\n${result.stdout.slice(-1500)}\n${result.stderr.replace(/^debug: .*\n/gm, '').slice(-1500)}`);
  }
}

/** Adds what the emulators injected since the last look (a restarted one counts from zero again). */
const injectedSeen = new Map<string, number>();
async function countFaults(...urls: string[]): Promise<void> {
  for (const url of urls) {
    const now = await faultsInjected(url);
    const last = injectedSeen.get(url) ?? 0;
    figures.add('faults injected', now >= last ? now - last : now);
    injectedSeen.set(url, now);
  }
}

describe('reads under faults', () => {
  beforeAll(async () => {
    await box.admin('seed', { count: COUNT, model_names: ['churn', 'fraud', 'ltv', 'ranker'] });
    await fetch(`${second.url}/__emulator/seed`, { method: 'POST', headers: { authorization: 'Bearer dev-token' }, body: JSON.stringify({ count: COUNT }) });
  });

  const count = (where: string) => ['exec', '-o', 'text', '--', `SELECT count(*) FROM ${RESOURCE} WHERE ${where}`];

  it.each([
    ['the default page size (20 pages)', 11, ''],
    ['50 rows a page (40 pages)', 12, ' AND max_results = 50'],
    ['1,000 rows a page', 13, ' AND max_results = 1000'],
    ['37 rows a page', 14, ' AND max_results = 37'],
  ])('SELECT count(*) over 2,000 webhooks with %s is exactly 2000, or fails loudly', async (_name, seed, extra) => {
    box.emu.setFaults(FAULTS(seed));
    for (const attempt of [1, 2]) {
      const result = await run(count(`workspace = ${sqlString(box.emu.url)}${extra}`));
      figures.add('counts checked');
      if (result.code === 0) {
        if (result.stdout !== `${COUNT}\n`) figures.add('wrong results (must be 0)');
        expect(result.stdout).toBe(`${COUNT}\n`);
      } else expectLoudFailure(result, `count, attempt ${attempt}`);
    }
    await countFaults(box.emu.url);
    box.emu.setFaults('');
  });

  it('a fan-out over two faulty workspaces gives each its exact count, or fails loudly', async () => {
    box.emu.setFaults(FAULTS(15));
    const result = await untilSuccess('fan-out count', () =>
      run(['exec', '-o', 'csv', '--', `SELECT workspace, count(*) AS n FROM ${RESOURCE} WHERE workspace IN (${sqlString(box.emu.url)}, ${sqlString(second.url)}) GROUP BY workspace ORDER BY workspace`]),
    );
    figures.add('counts checked');
    const expected = [box.emu.url, second.url].sort().map((u) => `${u},${COUNT}\r\n`).join('');
    expect(result.stdout).toBe(`workspace,n\r\n${expected}`);
    box.emu.setFaults('');
  });

  it('under heavy faults (30% 503, 15% dropped) every run is exactly right or fails loudly, never partial', async () => {
    let exact = 0;
    for (const seed of [21, 22, 23, 24, 25, 26, 27, 28]) {
      box.emu.setFaults(`503=0.3,drop-before=0.05,drop-after=0.1,seed=${seed}`);
      const result = await run(count(`workspace = ${sqlString(box.emu.url)} AND model_name IN ('churn', 'fraud') AND max_results = 250`));
      figures.add('counts checked');
      await countFaults(box.emu.url);
      if (result.code !== 0) {
        expectLoudFailure(result, `heavy faults, seed ${seed}`);
        expect(result.stdout).toBe('');
        expect(result.stderr).toMatch(/gave up after \d+ attempts|deadline/);
        continue;
      }
      exact++;
      expect(result.stdout).toBe(`${COUNT / 2}\n`);
    }
    box.emu.setFaults('');
    figures.add('heavy-fault runs exact', exact);
  });

  afterAll(async () => {
    await box.admin('reset', {});
    await fetch(`${second.url}/__emulator/reset`, { method: 'POST', headers: { authorization: 'Bearer dev-token' }, body: '{}' });
  });
});

/** Live state = the manifest: every entry exactly once with its fields, nothing else, no duplicate. */
async function expectFleetConverged(vars: Record<string, string>, file = FLEET): Promise<void> {
  const expected = expectedFromManifest(file, vars);
  for (const url of new Set(Object.values(vars))) {
    await setFaults(url, '');
    const live = await listLive(url);
    const wanted = expected.filter((e) => e.workspace === url);
    const duplicates = duplicatesIn(live);
    figures.add('duplicates found (must be 0)', duplicates);
    expect(duplicates).toBe(0);
    const missing = wanted.filter((e) => !live.some((h) => keyOf(h) === e.key));
    figures.add('rows missing (must be 0)', missing.length);
    expect(missing).toEqual([]);
    expect(live).toHaveLength(wanted.length);
    for (const e of wanted) expect(fieldsOf(live.find((h) => keyOf(h) === e.key)!)).toEqual(e.fields);
    figures.add('webhooks verified', wanted.length);
  }
}

/** After convergence a second apply (faults back on) has nothing to do. */
async function expectNoChanges(apply: () => Promise<CliRun>, count = 200): Promise<void> {
  const again = await untilSuccess('second apply', apply);
  expect(again.stdout).toContain(`No changes: ${count} webhooks unchanged.`);
  expect(again.stderr).not.toMatch(/^debug: http → (POST|PATCH|DELETE)/m);
}

describe('apply of the 200-webhook fleet under faults', () => {
  it('converges: live = manifest, no duplicate, nothing missing; a second apply changes nothing', async () => {
    const vars = { workspace_a: box.emu.url, workspace_b: second.url };
    box.emu.setFaults(FAULTS(31));
    second.setFaults(FAULTS(32));
    const apply = () => run(['apply', FLEET, '--var', `workspace_a=${vars.workspace_a}`, '--var', `workspace_b=${vars.workspace_b}`], FLEET_ENV);
    const first = await untilSuccess('fleet apply', apply);
    figures.add('applies run to convergence');
    await countFaults(box.emu.url, second.url);
    await expectFleetConverged(vars);
    box.emu.setFaults(FAULTS(33));
    second.setFaults(FAULTS(34));
    await expectNoChanges(apply);
    await countFaults(box.emu.url, second.url);
    expect(first.stdout).toMatch(/Apply complete: \d+ created/);
  });

  it('then updates (PATCH) and prunes (DELETE) under faults converge too', async () => {
    // 50 descriptions changed, workspace b's last 6 models (24 hooks) gone from the manifest.
    const text = readFileSync(FLEET, 'utf8')
      .replace(/: production transitions to Slack"/g, ': production transitions to #ml-releases"')
      .replace(/ {2}- name: b-model-0(2[0-5])-[\s\S]*?(?=\n {2}- name: |\n*$)/g, '')
      .replace(/\n*$/, '\n');
    const file = join(mkdtempSync(join(tmpdir(), 'hookql-fleet-')), 'fleet-176.yaml');
    writeFileSync(file, text);
    const vars = { workspace_a: box.emu.url, workspace_b: second.url };
    box.emu.setFaults(FAULTS(35));
    second.setFaults(FAULTS(36));
    const apply = () => run(['apply', file, '--prune', '--auto-approve', '--var', `workspace_a=${vars.workspace_a}`, '--var', `workspace_b=${vars.workspace_b}`], FLEET_ENV);
    await untilSuccess('fleet update and prune', apply);
    figures.add('applies run to convergence');
    await countFaults(box.emu.url, second.url);
    await expectFleetConverged(vars, file);
    box.emu.setFaults(FAULTS(37));
    second.setFaults(FAULTS(38));
    await expectNoChanges(apply, 176);
    await countFaults(box.emu.url, second.url);
  });
});

describe('two applies of the fleet at once, from two machines, under faults', () => {
  // At 8 in flight per host a create failed by a dropped connection, yet applied, is often the later
  // row of its key: only its own run can converge it (converge-creates.ts), so both rates are run.
  it.each([[[]], [['--concurrency', '8']]])('both converge: no duplicate, nothing missing (the earliest row of each key survives) %j', async (extra: string[]) => {
    const a = await startEmulator({ port: 0, faults: FAULTS(41) });
    const b = await startEmulator({ port: 0, faults: FAULTS(42) });
    try {
      const vars = { workspace_a: a.url, workspace_b: b.url };
      // A $HOOKQL_HOME each: no shared lock, as on two CI runners.
      const apply = (home: string) => () => run(['apply', FLEET, '--var', `workspace_a=${a.url}`, '--var', `workspace_b=${b.url}`, ...extra], { ...FLEET_ENV, HOOKQL_HOME: join(box.dir, home) });
      // A run that meets the other machine's duplicate before that machine converged it fails with a
      // conflict at once; under a loaded CI machine six such quick re-runs could all fall inside the
      // other's still-running apply. Re-runs back off (≤ ~13 s in all), the end state is checked as before.
      const runs = await Promise.all([untilSuccess('machine 1 apply', apply('machine-1'), 10, 250), untilSuccess('machine 2 apply', apply('machine-2'), 10, 250)]);
      figures.add('concurrent applies run to convergence', runs.length);
      figures.add('duplicates removed by convergence', runs.reduce((n, r) => n + (r.stderr.match(/removed the later duplicate/g)?.length ?? 0), 0));
      await countFaults(a.url, b.url);
      await expectFleetConverged(vars);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('apply while the emulators are killed with SIGKILL and restarted on their files', () => {
  // Needs the built emulator (dist/): the CI builds before it tests; locally run `npm run build`.
  it('a re-run converges the same way', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hookql-sigkill-'));
    const files = [join(dir, 'workspace-a.db'), join(dir, 'workspace-b.db')];
    let emus: ChildEmulator[] = await Promise.all(files.map((db, i) => spawnEmulator(db, 0, ['--faults', FAULTS(41 + i)])));
    const vars = () => ({ workspace_a: emus[0].url, workspace_b: emus[1].url });
    const apply = () => run(['apply', FLEET, '--var', `workspace_a=${vars().workspace_a}`, '--var', `workspace_b=${vars().workspace_b}`], FLEET_ENV);

    // Kill both in the middle of the apply: once a third of the creates were acknowledged.
    const interrupted = apply();
    const acknowledged = await waitForCreates(emus.map((e) => e.url), 66);
    await Promise.all(emus.map((e) => e.kill()));
    figures.add('emulator SIGKILLs', emus.length);
    const cut = await interrupted;
    expect(acknowledged).toBeGreaterThanOrEqual(66);
    expect(cut.stdout).not.toContain('Apply complete: 200 created');
    expectLoudFailure(cut, 'the apply that lost its workspaces');

    // Same files, same ports when free (the workspace URLs stay the same).
    emus = await Promise.all(files.map((db, i) => spawnEmulator(db, emus[i].port, ['--faults', FAULTS(43 + i)]).catch(() => spawnEmulator(db, 0, ['--faults', FAULTS(43 + i)]))));
    await untilSuccess('apply after the restart', apply);
    figures.add('applies run to convergence');
    await countFaults(...emus.map((e) => e.url));
    await expectFleetConverged(vars());
    for (const [i, e] of emus.entries()) await setFaults(e.url, FAULTS(45 + i));
    await expectNoChanges(apply);
    await countFaults(...emus.map((e) => e.url));
    await Promise.all(emus.map((e) => e.stop()));
  });
});

/** Polls the emulators' request logs until `n` creates were acknowledged (200) in all; returns how many. */
async function waitForCreates(urls: readonly string[], n: number): Promise<number> {
  for (let i = 0; i < 2_000; i++) {
    let done = 0;
    for (const url of urls) {
      const res = await fetch(`${url}/__emulator/requests`, { headers: { authorization: 'Bearer dev-token' } });
      const { requests } = (await res.json()) as { requests: { method: string; path: string; status: number | null }[] };
      done += requests.filter((r) => r.method === 'POST' && r.path.endsWith('/create') && r.status === 200).length;
    }
    if (done >= n) return done;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`fewer than ${n} creates were acknowledged`);
}

describe('multi-row INSERT under dropped connections', () => {
  it.each([51, 52, 53])('creates each row once, the two identical rows twice (faults seed %i)', async (seed) => {
    await box.admin('reset', {});
    box.emu.setFaults(`drop-after=0.2,503=0.1,seed=${seed}`);
    const row = (url: string) => `(${sqlString(box.emu.url)}, 'bulk', '["MODEL_VERSION_CREATED"]', ${sqlString(JSON.stringify({ url }))})`;
    const urls = Array.from({ length: 40 }, (_, i) => `https://hooks.example.com/bulk/${seed}/${i}`);
    const twin = `https://hooks.example.com/bulk/${seed}/twin`;
    const sql = `INSERT INTO ${RESOURCE} (workspace, model_name, events, http_url_spec) VALUES ${[...urls, twin, twin].map(row).join(',\n')}`;
    const result = await run(['exec', '--', sql]);
    await countFaults(box.emu.url);
    box.emu.setFaults('');
    const live = await listLive(box.emu.url);
    const counts = new Map<string, number>();
    for (const hook of live) counts.set(hook.http_url_spec!.url, (counts.get(hook.http_url_spec!.url) ?? 0) + 1);
    const extra = [...counts].reduce((sum, [url, n]) => sum + Math.max(0, n - (url === twin ? 2 : 1)), 0);
    figures.add('duplicates found (must be 0)', extra);
    expect(extra).toBe(0);
    if (result.code === 0) {
      expect(result.stderr).toContain('42 webhooks created');
      const missing = urls.filter((u) => counts.get(u) !== 1).length + (counts.get(twin) === 2 ? 0 : 1);
      figures.add('rows missing (must be 0)', missing);
      expect(missing).toBe(0);
    } else {
      // Some rows could not be confirmed: the run says which; the rest exist exactly once.
      expectLoudFailure(result, 'multi-row INSERT');
      expect(result.stderr).toMatch(/PARTIAL_FAILURE|may or may not have been applied/);
    }
    figures.add('multi-row INSERTs checked');
  });
});
