import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';

let emulator: RunningEmulator;
let engine: Engine;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, faults: 'latency=10000' });
  engine = createEngine({ env: { DATABRICKS_TOKEN: 'dev-token' }, homeDir: mkdtempSync(join(tmpdir(), 'hookql-')) });
});
afterAll(async () => {
  await engine.close();
  await emulator.close();
});

const sql = () => `SELECT count(*) FROM databricks_workspace.ml.model_registry_webhooks WHERE workspace = '${emulator.url}'`;

describe('cancelling a statement', () => {
  it('when the signal is already aborted, nothing runs and it rejects with CANCELLED', async () => {
    const started = Date.now();
    await expect(engine.run(sql(), { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(Date.now() - started).toBeLessThan(8000);
  });

  it('when aborted while the request is in flight, it rejects with CANCELLED without waiting for the answer', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const started = Date.now();
    await expect(engine.run(sql(), { signal: controller.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(Date.now() - started).toBeLessThan(8000);
  });
});

describe('concurrent statements on one engine', () => {
  it('each gets its own scratch tables', async () => {
    const quick = await startEmulator({ port: 0 });
    try {
      const q = `SELECT count(*) FROM databricks_workspace.ml.model_registry_webhooks WHERE workspace = '${quick.url}'`;
      const results = await Promise.all([engine.run(q), engine.run(q), engine.run(q)]);
      expect(results.map((r) => r[0].rows)).toEqual([[[0]], [[0]], [[0]]]);
    } finally {
      await quick.close();
    }
  });
});
