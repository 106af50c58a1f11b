// The happy paths of every registry-webhooks endpoint, over real HTTP: placement of parameters and
// the exact response shapes of the contract (api/registry-webhooks.md §1-2).

import { beforeEach, describe, expect, it } from 'vitest';
import { BASE, create, httpHook, jobHook, reset, useEmulator } from './helpers.js';

const ctx = useEmulator();
const HEX32 = /^[0-9a-f]{32}$/;

beforeEach(() => reset(ctx.api));

describe('create', () => {
  it.each([
    ['an http hook', httpHook({ description: 'to slack', status: 'TEST_MODE' })],
    ['a job hook', jobHook({ job_spec: { job_id: '77', access_token: 'tok', workspace_url: 'https://other.cloud.databricks.com' } })],
    ['a registry-wide hook', httpHook({ model_name: undefined, events: ['REGISTERED_MODEL_CREATED'] })],
  ])('returns {"webhook": ...} for %s, without write-only fields', async (_name, hook) => {
    const before = Date.now();
    const reply = await ctx.api.send('POST', `${BASE}/create`, { body: hook });
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.body)).toEqual(['webhook']);
    const webhook = reply.body.webhook;
    expect(webhook.id).toMatch(HEX32);
    expect(webhook.creation_timestamp).toBeGreaterThanOrEqual(before);
    expect(webhook.creation_timestamp).toBeLessThanOrEqual(Date.now());
    expect(webhook.last_updated_timestamp).toBe(webhook.creation_timestamp);
    expect(webhook.events).toEqual(hook.events);
    expect(webhook.status).toBe((hook as { status?: string }).status ?? 'ACTIVE');
    expect(webhook.model_name).toBe((hook as { model_name?: string }).model_name);
    expect(reply.text).not.toMatch(/shh-secret|rcv-token|"tok"|secret|authorization|access_token/);
  });

  it('defaults enable_ssl_verification to true and echoes description', async () => {
    const webhook = await create(ctx.api, httpHook({ description: 'd' }));
    expect(webhook.http_url_spec).toEqual({ url: 'https://hooks.example.com/x', enable_ssl_verification: true });
    expect(webhook.description).toBe('d');
    expect(webhook.job_spec).toBeUndefined();
  });

  it('returns job_spec without access_token, job_id as a string', async () => {
    const webhook = await create(ctx.api, jobHook({ job_spec: { job_id: 1234, access_token: 'tok' } }));
    expect(webhook.job_spec).toEqual({ job_id: '1234' });
    expect(webhook.http_url_spec).toBeUndefined();
  });
});

describe('list', () => {
  it('answers {} when there are no webhooks (both keys are omitempty)', async () => {
    const reply = await ctx.api.send('GET', `${BASE}/list`);
    expect(reply).toMatchObject({ status: 200, body: {} });
  });

  it('returns every webhook, registry-wide and model hooks together, in creation order', async () => {
    const a = await create(ctx.api, httpHook());
    const b = await create(ctx.api, httpHook({ model_name: undefined, events: ['REGISTERED_MODEL_CREATED'] }));
    const c = await create(ctx.api, jobHook({ model_name: 'other' }));
    const reply = await ctx.api.send('GET', `${BASE}/list`);
    expect(reply.body).toEqual({ webhooks: [a, b, c] });
  });

  it.each([
    ['model_name', 'model_name=other', ['c']],
    ['one event', 'events=COMMENT_CREATED', ['b']],
    ['repeated events (OR)', 'events=COMMENT_CREATED&events=MODEL_VERSION_TRANSITIONED_TO_PRODUCTION', ['b', 'c']],
    ['comma-separated events (lenient)', 'events=COMMENT_CREATED,MODEL_VERSION_TRANSITIONED_TO_PRODUCTION', ['b', 'c']],
    ['model_name and events', 'model_name=churn-model&events=COMMENT_CREATED', ['b']],
    ['nothing matching', 'model_name=none', []],
  ])('filters by %s', async (_name, query, expected) => {
    const hooks = {
      a: await create(ctx.api, httpHook()),
      b: await create(ctx.api, httpHook({ events: ['COMMENT_CREATED', 'MODEL_VERSION_CREATED'] })),
      c: await create(ctx.api, jobHook({ model_name: 'other' })),
    };
    const reply = await ctx.api.send('GET', `${BASE}/list`, { query });
    expect(reply.status).toBe(200);
    const ids = (reply.body.webhooks ?? []).map((w: { id: string }) => w.id);
    expect(ids).toEqual(expected.map((k) => hooks[k as keyof typeof hooks].id));
  });

  it('tolerates the old docs\' JSON body on GET', async () => {
    await create(ctx.api, httpHook());
    const other = await create(ctx.api, httpHook({ model_name: 'other' }));
    const reply = await ctx.api.send('GET', `${BASE}/list`, { body: { model_name: 'other' } });
    expect(reply.body).toEqual({ webhooks: [other] });
  });
});

describe('update', () => {
  it('is partial: only the given fields change, last_updated_timestamp moves', async () => {
    const created = await create(ctx.api, httpHook({ description: 'old' }));
    await new Promise((r) => setTimeout(r, 5));
    const reply = await ctx.api.send('PATCH', `${BASE}/update`, { body: { id: created.id, status: 'DISABLED' } });
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.body)).toEqual(['webhook']);
    const { last_updated_timestamp, ...rest } = reply.body.webhook;
    expect(rest).toEqual({ ...created, status: 'DISABLED', last_updated_timestamp: undefined });
    expect(last_updated_timestamp).toBeGreaterThan(created.creation_timestamp);
  });

  it('replaces a spec wholesale, switching kinds', async () => {
    const created = await create(ctx.api, httpHook());
    const reply = await ctx.api.send('PATCH', `${BASE}/update`, {
      body: { id: created.id, job_spec: { job_id: '9', access_token: 't' } },
    });
    expect(reply.body.webhook.job_spec).toEqual({ job_id: '9' });
    expect(reply.body.webhook.http_url_spec).toBeUndefined();
    const listed = await ctx.api.send('GET', `${BASE}/list`);
    expect(listed.body.webhooks[0]).toEqual(reply.body.webhook);
  });

  it('accepts model_name when it repeats the stored one (clients sending the whole object)', async () => {
    const created = await create(ctx.api, httpHook());
    const reply = await ctx.api.send('PATCH', `${BASE}/update`, { body: { id: created.id, model_name: 'churn-model', description: 'x' } });
    expect(reply.status).toBe(200);
    expect(reply.body.webhook.description).toBe('x');
  });
});

describe('delete', () => {
  it('takes id in the query and answers {}', async () => {
    const created = await create(ctx.api, httpHook());
    const reply = await ctx.api.send('DELETE', `${BASE}/delete`, { query: `id=${created.id}` });
    expect(reply).toMatchObject({ status: 200, body: {} });
    expect((await ctx.api.send('GET', `${BASE}/list`)).body).toEqual({});
  });

  it('tolerates the old docs\' JSON body {"id": ...}', async () => {
    const created = await create(ctx.api, httpHook());
    const reply = await ctx.api.send('DELETE', `${BASE}/delete`, { body: { id: created.id } });
    expect(reply).toMatchObject({ status: 200, body: {} });
  });
});
