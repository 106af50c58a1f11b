// The model registry end to end through SQL: an emulator on 127.0.0.1, hookql's engine, a receiver
// that verifies signatures. Lifecycle statements fire signed deliveries to the ACTIVE hook only; the
// delivery log is a table; the coverage JOIN finds exactly the uncovered models; JOINs feed the
// versions' and transitions' required params, one listing per model (per version).

import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rowObject } from '../../src/cli/render-result.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { createEngine, type Engine } from '../../src/engine.js';
import type { StatementResult } from '../../src/result.js';
import { startReceiver, type Received } from '../emulator/helpers.js';

const ML = 'databricks_workspace.ml';
const SECRET = 'e2e-receiver-secret';
let emulator: RunningEmulator;
let engine: Engine;
let ws: string;

const receiver = await startReceiver((r) => (verified(r) ? { status: 200, body: 'verified' } : { status: 401, body: 'bad signature' }));

function verified(r: Received): boolean {
  const given = r.headers['x-databricks-signature'];
  const expected = createHmac('sha256', SECRET).update(r.body).digest('hex');
  return typeof given === 'string' && given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

beforeAll(async () => {
  emulator = await startEmulator({ allowHttpTargets: true, deliveryRetry: { attempts: 2, baseDelayMs: 20 } });
  ws = emulator.url;
  engine = createEngine({ env: { DATABRICKS_TOKEN: 'dev-token' }, homeDir: mkdtempSync(join(tmpdir(), 'hookql-')) });
});
afterAll(async () => {
  await engine.close();
  await emulator.close();
  await receiver.close();
});
beforeEach(async () => {
  await admin('reset');
  receiver.received.length = 0;
});

async function admin(path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${ws}/__emulator/${path}`, { method: body === undefined && path !== 'reset' ? 'GET' : 'POST', headers: { authorization: 'Bearer dev-token' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return res.json();
}

const sql = async (text: string): Promise<Record<string, unknown>[]> => {
  const results = await engine.run(text, { vars: { ws } });
  return results.flatMap((r: StatementResult) => r.rows.map((row) => rowObject(r.columns, row)));
};

async function hook(status: string, path: string, events = ['MODEL_VERSION_CREATED', 'MODEL_VERSION_TRANSITIONED_TO_PRODUCTION', 'COMMENT_CREATED']) {
  const [row] = await sql(`INSERT INTO ${ML}.model_registry_webhooks (workspace, model_name, events, http_url_spec, status)
    SELECT '{{ ws }}', 'churn', '${JSON.stringify(events)}', '{"url": "${receiver.url}${path}", "secret": "${SECRET}"}', '${status}' RETURNING id`);
  return row.id as string;
}

async function until<T>(probe: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await probe();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('timed out');
}

describe('registry events through SQL', () => {
  it('a version, its move to Production and a comment reach the ACTIVE hook, signed; TEST_MODE and DISABLED get none', async () => {
    const active = await hook('ACTIVE', '/active');
    await hook('TEST_MODE', '/test-mode');
    await hook('DISABLED', '/disabled');
    await sql(`INSERT INTO ${ML}.model_registry (workspace, name) VALUES ('{{ ws }}', 'churn')`);
    expect(await sql(`INSERT INTO ${ML}.model_registry_model_versions (workspace, name, source) SELECT '{{ ws }}', 'churn', 'dbfs:/m/1' RETURNING version`)).toEqual([{ version: '1' }]);
    await sql(`EXEC ${ML}.model_registry_model_versions.transition @workspace='{{ ws }}' @@json='{"name": "churn", "version": "1", "stage": "Production", "archive_existing_versions": true}'`);
    await sql(`INSERT INTO ${ML}.model_registry_comments (workspace, name, version, comment) SELECT '{{ ws }}', 'churn', '1', 'ship it'`);
    await until(async () => receiver.received.length, (n) => n >= 3);
    await new Promise((r) => setTimeout(r, 100));
    expect(receiver.received.map((r) => r.url)).toEqual(['/active', '/active', '/active']);
    expect(receiver.received.every(verified)).toBe(true);
    const payloads = receiver.received.map((r) => JSON.parse(r.body.toString()));
    expect(payloads.map((p) => p.event).sort()).toEqual(['COMMENT_CREATED', 'MODEL_VERSION_CREATED', 'MODEL_VERSION_TRANSITIONED_TO_PRODUCTION']);
    expect(payloads.find((p) => p.event === 'MODEL_VERSION_TRANSITIONED_TO_PRODUCTION')).toMatchObject({
      webhook_id: active, model_name: 'churn', version: '1', from_stage: 'None', to_stage: 'Production',
      text: "Registered model 'churn' version 1 transitioned from None to Production.",
    });
    expect(payloads.find((p) => p.event === 'COMMENT_CREATED')).toMatchObject({ comment: 'ship it', version: '1' });

    const log = await sql(`SELECT webhook_id, event, status_code, attempt FROM ${ML}.webhook_deliveries WHERE workspace = '{{ ws }}' ORDER BY event`);
    expect(log).toEqual([
      { webhook_id: active, event: 'COMMENT_CREATED', status_code: 200, attempt: 1 },
      { webhook_id: active, event: 'MODEL_VERSION_CREATED', status_code: 200, attempt: 1 },
      { webhook_id: active, event: 'MODEL_VERSION_TRANSITIONED_TO_PRODUCTION', status_code: 200, attempt: 1 },
    ]);
    // The event filter is pushed to the emulator and re-checked locally.
    expect(await sql(`SELECT event FROM ${ML}.webhook_deliveries WHERE workspace = '{{ ws }}' AND event = 'COMMENT_CREATED'`)).toEqual([{ event: 'COMMENT_CREATED' }]);
  });
});

describe('JOINs across the registry', () => {
  it('the coverage JOIN returns exactly the models without an ACTIVE hook on production transitions', async () => {
    await admin('seed', { registered_models: ['a-covered', 'b-test-mode', 'c-disabled', 'd-other-event', 'e-none', 'f-covered-twice'] });
    await admin('seed', { count: 1, model_names: ['a-covered'], events: ['MODEL_VERSION_TRANSITIONED_TO_PRODUCTION'], status: 'ACTIVE' });
    await admin('seed', { count: 2, model_names: ['f-covered-twice'], events: ['COMMENT_CREATED', 'MODEL_VERSION_TRANSITIONED_TO_PRODUCTION'], status: 'ACTIVE' });
    await admin('seed', { count: 1, model_names: ['b-test-mode'], events: ['MODEL_VERSION_TRANSITIONED_TO_PRODUCTION'], status: 'TEST_MODE' });
    await admin('seed', { count: 1, model_names: ['c-disabled'], events: ['MODEL_VERSION_TRANSITIONED_TO_PRODUCTION'], status: 'DISABLED' });
    await admin('seed', { count: 1, model_names: ['d-other-event'], events: ['MODEL_VERSION_TRANSITIONED_STAGE'], status: 'ACTIVE' });
    const uncovered = await sql(`SELECT m.name FROM ${ML}.model_registry m
      LEFT JOIN ${ML}.model_registry_webhooks w
        ON w.model_name = m.name AND w.workspace = '{{ ws }}' AND w.status = 'ACTIVE'
       AND EXISTS (SELECT 1 FROM json_each(w.events) e WHERE e.value = 'MODEL_VERSION_TRANSITIONED_TO_PRODUCTION')
      WHERE m.workspace = '{{ ws }}' AND w.id IS NULL ORDER BY m.name`);
    expect(uncovered.map((r) => r.name)).toEqual(['b-test-mode', 'c-disabled', 'd-other-event', 'e-none']);
    // Two listings, one call each: the LEFT JOIN's optional model_name is never fanned out.
    const requests = (await admin('requests')).requests.map((r: any) => r.path);
    expect(requests.filter((p: string) => p.endsWith('/registered-models/list'))).toHaveLength(1);
    expect(requests.filter((p: string) => p.endsWith('/registry-webhooks/list'))).toHaveLength(1);
  });

  it('a JOIN feeds the versions listing its required name: one search per model, filter name=…', async () => {
    await sql(`INSERT INTO ${ML}.model_registry (workspace, name) VALUES ('{{ ws }}', 'm1'), ('{{ ws }}', 'm2'), ('{{ ws }}', 'o''brien')`);
    for (const name of ['m1', 'm1', 'm2', "o''brien"]) {
      await sql(`INSERT INTO ${ML}.model_registry_model_versions (workspace, name, source) VALUES ('{{ ws }}', '${name}', 'dbfs:/x')`);
    }
    const before = (await admin('requests')).requests.length;
    const rows = await sql(`SELECT m.name, v.version FROM ${ML}.model_registry m
      JOIN ${ML}.model_registry_model_versions v ON v.name = m.name AND v.workspace = '{{ ws }}'
      WHERE m.workspace = '{{ ws }}' ORDER BY m.name, v.version`);
    expect(rows).toEqual([{ name: 'm1', version: '1' }, { name: 'm1', version: '2' }, { name: 'm2', version: '1' }, { name: "o'brien", version: '1' }]);
    const searches = (await admin('requests')).requests.slice(before).filter((r: any) => r.path.endsWith('/model-versions/search'));
    expect(searches.map((r: any) => new URLSearchParams(r.query).get('filter')).sort()).toEqual(["name='m1'", "name='m2'", "name='o''brien'"]);
  });

  it('a JOIN feeds transitions its (name, version) pairs, and the rows carry them back to join on', async () => {
    await sql(`INSERT INTO ${ML}.model_registry (workspace, name) VALUES ('{{ ws }}', 'm1')`);
    await sql(`INSERT INTO ${ML}.model_registry_model_versions (workspace, name, source) VALUES ('{{ ws }}', 'm1', 'dbfs:/x'), ('{{ ws }}', 'm1', 'dbfs:/y')`);
    await sql(`INSERT INTO ${ML}.model_registry_transitions (workspace, name, version, stage) VALUES ('{{ ws }}', 'm1', '2', 'Staging')`);
    const rows = await sql(`SELECT v.version, t.to_stage, t.name FROM ${ML}.model_registry_model_versions v
      LEFT JOIN ${ML}.model_registry_transitions t ON t.name = v.name AND t.version = v.version AND t.workspace = '{{ ws }}'
      WHERE v.workspace = '{{ ws }}' AND v.name = 'm1' ORDER BY v.version`);
    expect(rows).toEqual([{ version: '1', to_stage: null, name: null }, { version: '2', to_stage: 'Staging', name: 'm1' }]);
  });

  it('SELECT picks get by name and refuses a transitions listing without its version before sending', async () => {
    await sql(`INSERT INTO ${ML}.model_registry (workspace, name, description) VALUES ('{{ ws }}', 'm1', 'd')`);
    expect(await sql(`SELECT name, id, permission_level FROM ${ML}.model_registry WHERE workspace = '{{ ws }}' AND name = 'm1'`)).toEqual([
      { name: 'm1', id: expect.any(String), permission_level: 'CAN_MANAGE' },
    ]);
    const before = (await admin('requests')).requests.length;
    await expect(sql(`SELECT * FROM ${ML}.model_registry_transitions WHERE workspace = '{{ ws }}' AND name = 'm1'`)).rejects.toMatchObject({ code: 'MISSING_PARAMETER' });
    expect((await admin('requests')).requests.length).toBe(before);
  });

  it('a JOIN without ON (comma join, WHERE links them) maps its aliases, and listings follow every page', async () => {
    await admin('seed', { registered_models: ['m1', 'm2', 'm3', 'm4', 'm5'] });
    await admin('seed', { count: 2, model_names: ['m2', 'm4'], events: ['COMMENT_CREATED'], status: 'ACTIVE' });
    const before = (await admin('requests')).requests.length;
    const rows = await sql(`SELECT m.name AS model, w.status FROM ${ML}.model_registry m, ${ML}.model_registry_webhooks w
      WHERE m.workspace = '{{ ws }}' AND w.workspace = '{{ ws }}' AND w.model_name = m.name AND m.max_results = 2 ORDER BY m.name`);
    expect(rows).toEqual([{ model: 'm2', status: 'ACTIVE' }, { model: 'm4', status: 'ACTIVE' }]);
    const lists = (await admin('requests')).requests.slice(before).filter((r: any) => r.path.endsWith('/registered-models/list'));
    expect(lists.map((r: any) => new URLSearchParams(r.query).has('page_token'))).toEqual([false, true, true]);
  });

  it('a models listing asks for 1,000 per page (the service default is 100): 1,001 models in two requests', async () => {
    await admin('seed', { registered_models: Array.from({ length: 1001 }, (_, i) => `model-${i}`) });
    const before = (await admin('requests')).requests.length;
    expect(await sql(`SELECT count(*) AS n FROM ${ML}.model_registry WHERE workspace = '{{ ws }}'`)).toEqual([{ n: 1001 }]);
    const lists = (await admin('requests')).requests.slice(before).filter((r: any) => r.path.endsWith('/registered-models/list'));
    expect(lists.map((r: any) => new URLSearchParams(r.query).get('max_results'))).toEqual(['1000', '1000']);
  });
});
