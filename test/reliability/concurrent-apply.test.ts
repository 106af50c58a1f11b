// Concurrent applies (issue 10, item 2): 2–4 `hookql apply` runs of one manifest at the same time.
// On one machine (one $HOOKQL_HOME) they serialise on a per-workspace lock; on different machines
// (a $HOOKQL_HOME each, no shared lock) each converges after creating. Either way every entry ends
// with exactly one live webhook — checked through the emulator's own REST API, not through hookql.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_ADMIN_TOKEN, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { hookql, type CliRun } from '../helpers/run-cli.js';
import { Figures } from './support/figures.js';
import { listLive } from './support/live-state.js';

vi.setConfig({ testTimeout: 180_000 });

const ENTRIES = 24;
const figures = new Figures('concurrent-apply suite');
figures.add('duplicates found (must be 0)', 0);
figures.add('entries missing (must be 0)', 0);
let emu: RunningEmulator;
let dir: string;

beforeEach(async () => {
  // Latency makes the runs overlap: each one's creates are in flight while the others plan.
  emu = await startEmulator({ port: 0, faults: 'latency=15,seed=3' });
  dir = mkdtempSync(join(tmpdir(), 'hookql-concurrent-'));
});
afterEach(async () => emu?.close());
afterAll(() => console.log(figures.report()));

function manifest(): string {
  const lines = ['version: 1', 'webhooks:'];
  for (let i = 0; i < ENTRIES; i++) {
    lines.push(
      `  - name: hook-${i}`,
      '    props:',
      `      - { name: workspace, value: "${emu.url}" }`,
      `      - { name: model_name, value: "model-${i % 5}" }`,
      '      - { name: events, value: [MODEL_VERSION_CREATED] }',
      `      - { name: http_url_spec, value: { url: "https://hooks.example.com/${i}" } }`,
    );
  }
  const file = join(dir, 'hooks.yaml');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

async function applyInParallel(runs: number, homes: 'shared' | 'separate'): Promise<CliRun[]> {
  const file = manifest();
  return Promise.all(
    Array.from({ length: runs }, (_, i) =>
      hookql(['apply', file, '--concurrency', '4'], { env: { DATABRICKS_TOKEN: DEFAULT_ADMIN_TOKEN, HOOKQL_HOME: join(dir, homes === 'shared' ? 'home' : `home-${i}`) } }),
    ),
  );
}

async function checkOneEach(): Promise<void> {
  const live = await listLive(emu.url, DEFAULT_ADMIN_TOKEN);
  const perUrl = new Map<string, number>();
  for (const h of live) perUrl.set(h.http_url_spec?.url ?? '', (perUrl.get(h.http_url_spec?.url ?? '') ?? 0) + 1);
  const duplicates = [...perUrl.values()].reduce((n, c) => n + Math.max(0, c - 1), 0);
  const missing = ENTRIES - perUrl.size;
  figures.add('duplicates found (must be 0)', duplicates);
  figures.add('entries missing (must be 0)', missing);
  figures.add('live webhooks checked', live.length);
  expect({ duplicates, missing, live: live.length }).toEqual({ duplicates: 0, missing: 0, live: ENTRIES });
}

describe('concurrent applies of one manifest', () => {
  it.each([2, 3, 4])('when %i applies run at once on one machine then they serialise: one creates, the rest find nothing to do', async (runs) => {
    const results = await applyInParallel(runs, 'shared');
    figures.add('applies run (one machine)', runs);
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const created = results.map((r) => Number(/(\d+) created/.exec(r.stdout)?.[1] ?? 0));
    expect(created.reduce((a, b) => a + b, 0)).toBe(ENTRIES);
    // The waiting ones said why they waited.
    expect(results.filter((r) => r.stderr.includes('waiting for another hookql apply on workspace')).length).toBeGreaterThanOrEqual(1);
    await checkOneEach();
    // And a further apply has nothing left to do (no conflict from a duplicate).
    const again = await applyInParallel(1, 'shared');
    expect(again[0].code).toBe(0);
    expect(again[0].stdout).toContain(`No changes: ${ENTRIES} webhooks unchanged.`);
  });

  it.each([2, 3, 4])('when %i applies run at once from different machines (no shared lock) then they converge to one webhook per entry', async (runs) => {
    for (let trial = 0; trial < 2; trial++) {
      await fetch(`${emu.url}/__emulator/reset`, { method: 'POST', headers: { authorization: `Bearer ${DEFAULT_ADMIN_TOKEN}` }, body: '{}' });
      const results = await applyInParallel(runs, 'separate');
      figures.add('applies run (separate machines)', runs);
      figures.add('duplicates removed by convergence', results.reduce((n, r) => n + (r.stderr.match(/removed the later duplicate/g)?.length ?? 0), 0));
      for (const r of results) expect(r.code, r.stderr).toBe(0);
      await checkOneEach();
    }
    const again = await applyInParallel(1, 'separate');
    expect(again[0].stdout).toContain(`No changes: ${ENTRIES} webhooks unchanged.`);
  });
});
