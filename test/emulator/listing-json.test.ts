// The list endpoint answers from each webhook's public JSON kept between listings (webhook-store.ts):
// what it returns must always be what the table holds now — after creates, updates, deletes, a reset,
// and writes by another connection to the same state file — spelled exactly as JSON.stringify would.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/emulator/store.js';
import { WEBHOOKS_SCHEMA, WebhookStore } from '../../src/emulator/webhooks/webhook-store.js';
import { toPublicWebhook } from '../../src/emulator/webhooks/webhook-view.js';
import { BASE, create, httpHook, jobHook, reset, useEmulator, type Client } from './helpers.js';

const ctx = useEmulator();
beforeEach(() => reset(ctx.api));

async function list(api: Client, query = '') {
  const reply = await api.send('GET', `${BASE}/list`, { query });
  expect(reply.status).toBe(200);
  // Byte for byte what JSON.stringify of the parsed body gives: no stray spaces, same key order.
  expect(reply.text).toBe(JSON.stringify(reply.body));
  return reply.body as { webhooks?: Array<Record<string, any>>; next_page_token?: string };
}

describe('listing after changes', () => {
  it('shows an update, a delete and a create made after the last listing', async () => {
    const a = await create(ctx.api, httpHook({ description: 'first' }));
    const b = await create(ctx.api, jobHook({ description: 'second' }));
    expect((await list(ctx.api)).webhooks?.map((w) => w.description)).toEqual(['first', 'second']);

    const patched = await ctx.api.send('PATCH', `${BASE}/update`, { body: { id: a.id, description: 'first, edited', status: 'TEST_MODE' } });
    expect(patched.status).toBe(200);
    const afterUpdate = (await list(ctx.api)).webhooks!;
    expect(afterUpdate.map((w) => [w.description, w.status])).toEqual([['first, edited', 'TEST_MODE'], ['second', 'ACTIVE']]);
    expect(afterUpdate[0].last_updated_timestamp).toBe(patched.body.webhook.last_updated_timestamp);

    expect((await ctx.api.send('DELETE', `${BASE}/delete`, { query: `id=${b.id}` })).status).toBe(200);
    const c = await create(ctx.api, httpHook({ description: 'third' }));
    expect((await list(ctx.api)).webhooks?.map((w) => w.id)).toEqual([a.id, c.id]);

    await reset(ctx.api);
    expect(await list(ctx.api)).toEqual({});
  });

  it('never shows a secret, and pages and filters as before', async () => {
    for (let i = 0; i < 5; i++) await create(ctx.api, httpHook({ model_name: i % 2 ? 'odd-model' : 'even-model', description: `hook ${i}` }));
    const first = await list(ctx.api, 'max_results=2&model_name=even-model');
    expect(first.webhooks?.map((w) => w.description)).toEqual(['hook 0', 'hook 2']);
    expect(first.next_page_token).toEqual(expect.any(String));
    const second = await list(ctx.api, `max_results=2&model_name=even-model&page_token=${encodeURIComponent(first.next_page_token!)}`);
    expect(second).toEqual({ webhooks: [expect.objectContaining({ description: 'hook 4' })] });
    const all = await ctx.api.send('GET', `${BASE}/list`);
    expect(all.text).not.toMatch(/secret/);
  });
});

describe('the store on a shared state file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hookql-listing-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('sees writes made by another connection since its last listing', () => {
    const file = join(dir, 'state.db');
    const one = new WebhookStore(openDatabase(file, WEBHOOKS_SCHEMA));
    const other = new WebhookStore(openDatabase(file, WEBHOOKS_SCHEMA));
    const hook = { model_name: 'm', events: ['MODEL_VERSION_CREATED' as const], status: 'ACTIVE' as const, http_url_spec: { url: 'https://example.invalid/h', secret: 's3cr3t' } };
    const made = one.insert({ ...hook, description: 'as created' });
    const before = one.publicPage({}, 0, 10);
    expect(before.json.map((j) => JSON.parse(j).description)).toEqual(['as created']);

    other.update(made.id, { description: 'changed elsewhere' });
    other.insert({ ...hook, description: 'created elsewhere' });
    const after = one.publicPage({}, 0, 10);
    expect(after.json.map((j) => JSON.parse(j).description)).toEqual(['changed elsewhere', 'created elsewhere']);
    // Whatever it kept, the page reads as the rows themselves do through the public view.
    expect(after.json.map((j) => JSON.parse(j))).toEqual(one.page({}, 0, 10).rows.map(toPublicWebhook));
    expect(after).toMatchObject({ lastSeq: one.page({}, 0, 10).rows[1].seq, more: false });
  });
});
