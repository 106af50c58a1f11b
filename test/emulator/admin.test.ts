// The /__emulator/ admin endpoint: request and delivery logs (secrets redacted), reset and seed.

import { beforeEach, describe, expect, it } from 'vitest';
import { BASE, create, httpHook, jobHook, reset, useEmulator } from './helpers.js';

const ctx = useEmulator();

beforeEach(() => reset(ctx.api));

describe('GET /__emulator/requests', () => {
  it('records method, path, query, status and the body with secrets as "***"', async () => {
    const hook = await create(ctx.api, httpHook({ http_url_spec: { url: 'https://a.example.com/', secret: 'top-secret', authorization: 'Bearer top-auth' } }));
    await ctx.api.send('PATCH', `${BASE}/update`, { body: { id: hook.id, job_spec: { job_id: '1', access_token: 'top-token' } } });
    await ctx.api.send('GET', `${BASE}/list`, { query: 'events=MODEL_VERSION_CREATED&max_results=5' });
    await ctx.api.send('DELETE', `${BASE}/delete`, { query: 'id=missing' });
    const reply = await ctx.api.send('GET', '/__emulator/requests');
    expect(reply.status).toBe(200);
    expect(reply.text).not.toMatch(/top-secret|top-auth|top-token/);
    const entries = reply.body.requests.map(({ seq, timestamp, ...rest }: Record<string, unknown>) => {
      expect(typeof seq).toBe('number');
      expect(typeof timestamp).toBe('number');
      return rest;
    });
    expect(entries).toEqual([
      {
        method: 'POST', path: `${BASE}/create`, query: '', status: 200,
        body: { ...httpHook(), http_url_spec: { url: 'https://a.example.com/', secret: '***', authorization: '***' } },
      },
      { method: 'PATCH', path: `${BASE}/update`, query: '', status: 200, body: { id: hook.id, job_spec: { job_id: '1', access_token: '***' } } },
      { method: 'GET', path: `${BASE}/list`, query: 'events=MODEL_VERSION_CREATED&max_results=5', status: 200, body: null },
      { method: 'DELETE', path: `${BASE}/delete`, query: 'id=missing', status: 404, body: null },
    ]);
  });

  it('logs a body that does not parse only by its size (it might hold a secret)', async () => {
    await ctx.api.send('POST', `${BASE}/create`, { raw: '{"http_url_spec": {"secret": "half-sent' });
    const reply = await ctx.api.send('GET', '/__emulator/requests');
    expect(reply.text).not.toContain('half-sent');
    expect(reply.body.requests[0]).toMatchObject({ status: 400, body: expect.stringMatching(/^<\d+ bytes, not JSON>$/) });
  });

  it('?since=SEQ returns only newer entries; admin calls are not logged', async () => {
    await ctx.api.send('GET', `${BASE}/list`);
    const first = (await ctx.api.send('GET', '/__emulator/requests')).body.requests;
    expect(first).toHaveLength(1);
    await ctx.api.send('GET', `${BASE}/list`, { query: 'model_name=x' });
    const newer = (await ctx.api.send('GET', '/__emulator/requests', { query: `since=${first[0].seq}` })).body.requests;
    expect(newer.map((r: { query: string }) => r.query)).toEqual(['model_name=x']);
    expect((await ctx.api.send('GET', '/__emulator/requests', { query: 'since=abc' })).status).toBe(400);
  });
});

describe('POST /__emulator/reset', () => {
  it('empties webhooks, runs and logs', async () => {
    await create(ctx.api, httpHook());
    const job = await create(ctx.api, jobHook({ job_spec: { job_id: '3', access_token: 'dev-token' } }));
    await ctx.api.send('POST', `${BASE}/test`, { body: { id: job.id } });
    expect((await ctx.api.send('POST', '/__emulator/reset')).body).toEqual({});
    expect((await ctx.api.send('GET', '/__emulator/requests')).body).toEqual({ requests: [] });
    expect((await ctx.api.send('GET', '/__emulator/runs')).body).toEqual({ runs: [] });
    expect((await ctx.api.send('GET', '/__emulator/deliveries')).body).toEqual({ deliveries: [] });
    expect((await ctx.api.send('GET', `${BASE}/list`)).body).toEqual({});
  });
});

describe('POST /__emulator/seed', () => {
  it('creates N valid webhooks spread over the given models, each with its own target', async () => {
    const reply = await ctx.api.send('POST', '/__emulator/seed', { body: { count: 9, model_names: ['a', 'b', 'c'] } });
    expect(reply).toMatchObject({ status: 200, body: { created: 9 } });
    const hooks = (await ctx.api.send('GET', `${BASE}/list`)).body.webhooks;
    expect(hooks).toHaveLength(9);
    expect(hooks.filter((h: { model_name: string }) => h.model_name === 'b')).toHaveLength(3);
    expect(new Set(hooks.map((h: { http_url_spec: { url: string } }) => h.http_url_spec.url)).size).toBe(9);
    for (const h of hooks) expect(h).toMatchObject({ status: 'ACTIVE', events: ['MODEL_VERSION_CREATED'] });
  });

  it('seeds 20 000 quickly', async () => {
    const started = Date.now();
    expect((await ctx.api.send('POST', '/__emulator/seed', { body: { count: 20_000 } })).body).toEqual({ created: 20_000 });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it.each([
    [{}],
    [{ count: 0 }],
    [{ count: 1.5 }],
    [{ count: '10' }],
    [{ count: 100_001 }],
    [{ count: 1, model_names: [] }],
    [{ count: 1, model_names: [''] }],
    [{ count: 1, model_names: 'a' }],
    [{ count: 1, extra: true }],
  ])('refuses %j with 400', async (body) => {
    const reply = await ctx.api.send('POST', '/__emulator/seed', { body });
    expect(reply.status).toBe(400);
    expect(reply.body.error_code).toBe('INVALID_PARAMETER_VALUE');
  });
});
