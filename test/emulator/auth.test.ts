// Bearer-token auth on every route, admin vs non-admin permissions, and the OAuth M2M endpoints.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { ADMIN, BASE, client, create, httpHook, reset, USER, useEmulator, type Client } from './helpers.js';

const ctx = useEmulator({ clientId: 'ci-bot', clientSecret: 'bot-secret+/=' });

beforeEach(() => reset(ctx.api));

const ROUTES: Array<[string, string]> = [
  ['GET', `${BASE}/list`],
  ['POST', `${BASE}/create`],
  ['PATCH', `${BASE}/update`],
  ['DELETE', `${BASE}/delete`],
  ['POST', `${BASE}/test`],
  ['POST', '/api/2.0/jobs/run-now'],
  ['GET', '/__emulator/requests'],
  ['POST', '/__emulator/reset'],
  ['GET', '/api/2.0/no/such/path'],
];

describe('invalid token', () => {
  const TOKENS: Array<[string, Record<string, string>]> = [
    ['no Authorization header', {}],
    ['an unknown token', { authorization: 'Bearer nope' }],
    ['an empty bearer', { authorization: 'Bearer ' }],
    ['Basic instead of Bearer', { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }],
    ['the token without "Bearer"', { authorization: ADMIN }],
  ];
  const matrix = ROUTES.flatMap(([method, path]) => TOKENS.map(([what, headers]) => ({ method, path, what, headers })));

  it.each(matrix)('$method $path with $what → 403 with the numeric error_code', async ({ method, path, headers }) => {
    const reply = await ctx.api.send(method, path, { token: null, headers, body: {} });
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual({ error_code: 403, message: 'Invalid access token.' });
    expect(reply.headers['x-databricks-reason-phrase']).toBe('Invalid access token.');
  });
});

describe('permissions', () => {
  it('a user may manage model-scoped hooks', async () => {
    const hook = await create(ctx.api, httpHook(), USER);
    const updated = await ctx.api.send('PATCH', `${BASE}/update`, { token: USER, body: { id: hook.id, description: 'x' } });
    expect(updated.status).toBe(200);
    expect((await ctx.api.send('DELETE', `${BASE}/delete`, { token: USER, query: `id=${hook.id}` })).status).toBe(200);
  });

  it('a user may list registry-wide hooks but not manage them', async () => {
    const wide = await create(ctx.api, httpHook({ model_name: undefined, status: 'TEST_MODE' }));
    expect((await ctx.api.send('GET', `${BASE}/list`, { token: USER })).body.webhooks).toEqual([wide]);
    const attempts: Array<[string, string, object]> = [
      ['POST', `${BASE}/create`, { body: httpHook({ model_name: undefined }) }],
      ['PATCH', `${BASE}/update`, { body: { id: wide.id, description: 'x' } }],
      ['DELETE', `${BASE}/delete`, { query: `id=${wide.id}` }],
      ['POST', `${BASE}/test`, { body: { id: wide.id } }],
    ];
    for (const [method, path, options] of attempts) {
      const reply = await ctx.api.send(method, path, { token: USER, ...options });
      expect(reply.status, `${method} ${path}`).toBe(403);
      expect(reply.body.error_code).toBe('PERMISSION_DENIED');
      expect(reply.headers['x-databricks-reason-phrase']).toBeTruthy();
    }
    expect((await ctx.api.send('GET', `${BASE}/list`)).body.webhooks).toEqual([wide]);
  });

  it.each([
    ['GET', '/__emulator/requests'],
    ['GET', '/__emulator/deliveries'],
    ['GET', '/__emulator/runs'],
    ['GET', '/__emulator/faults'],
    ['POST', '/__emulator/faults'],
    ['POST', '/__emulator/reset'],
    ['POST', '/__emulator/seed'],
  ])('the admin endpoint %s %s refuses the user token', async (method, path) => {
    const reply = await ctx.api.send(method, path, { token: USER, body: { count: 1 } });
    expect(reply.status).toBe(403);
    expect(reply.body.error_code).toBe('PERMISSION_DENIED');
  });
});

describe('OAuth M2M', () => {
  const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
  const form = 'grant_type=client_credentials&scope=all-apis';
  const tokenRequest = (api: Client, authorization: string, raw = form) =>
    api.send('POST', '/oidc/v1/token', { token: null, raw, headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' } });

  it('serves the discovery document without a token', async () => {
    const reply = await ctx.api.send('GET', '/oidc/.well-known/oauth-authorization-server', { token: null });
    expect(reply.status).toBe(200);
    expect(reply.body.token_endpoint).toBe(`${ctx.emulator.url}/oidc/v1/token`);
    expect(reply.body.grant_types_supported).toContain('client_credentials');
  });

  it('issues a bearer token for client credentials in Basic auth, which then works as an admin token', async () => {
    const reply = await tokenRequest(ctx.api, basic('ci-bot', 'bot-secret+/='));
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'all-apis' });
    expect(typeof reply.body.access_token).toBe('string');
    const wide = await ctx.api.send('POST', `${BASE}/create`, { token: reply.body.access_token, body: httpHook({ model_name: undefined }) });
    expect(wide.status).toBe(200);
  });

  it('accepts form-encoded credentials inside Basic (RFC 6749) and client_secret_post', async () => {
    const encoded = await tokenRequest(ctx.api, basic('ci-bot', encodeURIComponent('bot-secret+/=')));
    expect(encoded.status).toBe(200);
    const post = await ctx.api.send('POST', '/oidc/v1/token', {
      token: null,
      raw: `${form}&client_id=ci-bot&client_secret=${encodeURIComponent('bot-secret+/=')}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(post.status).toBe(200);
  });

  it.each([
    ['a wrong secret', basic('ci-bot', 'wrong'), form, 401, 'invalid_client'],
    ['an unknown client', basic('someone', 'bot-secret+/='), form, 401, 'invalid_client'],
    ['no credentials', '', form, 401, 'invalid_client'],
    ['another grant type', basic('ci-bot', 'bot-secret+/='), 'grant_type=password', 400, 'unsupported_grant_type'],
  ])('refuses %s', async (_name, authorization, raw, status, error) => {
    const reply = await tokenRequest(ctx.api, authorization, raw);
    expect(reply.status).toBe(status);
    expect(reply.body).toMatchObject({ error, error_code: error });
    expect(reply.text).not.toContain('bot-secret');
  });

  it('the request log redacts client_secret', async () => {
    await ctx.api.send('POST', '/oidc/v1/token', {
      token: null,
      raw: `${form}&client_id=ci-bot&client_secret=bot-secret`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const log = await ctx.api.send('GET', '/__emulator/requests');
    expect(log.text).not.toContain('bot-secret');
    expect(log.body.requests.at(-1).body).toMatchObject({ client_id: 'ci-bot', client_secret: '***' });
  });
});

describe('OAuth M2M token expiry', () => {
  let emulator: RunningEmulator;
  let api: Client;
  beforeAll(async () => {
    emulator = await startEmulator({ clientId: 'c', clientSecret: 's', tokenTtlSeconds: 1 });
    api = client(emulator.url);
  });
  afterAll(async () => {
    await api.close();
    await emulator.close();
  });

  it('rejects a token once it has expired, with the invalid-token 403', async () => {
    const issued = await api.send('POST', '/oidc/v1/token', {
      token: null,
      raw: 'grant_type=client_credentials',
      headers: { authorization: `Basic ${Buffer.from('c:s').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(issued.body.expires_in).toBe(1);
    const token = issued.body.access_token;
    expect((await api.send('GET', `${BASE}/list`, { token })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1100));
    const expired = await api.send('GET', `${BASE}/list`, { token });
    expect(expired.status).toBe(403);
    expect(expired.body).toEqual({ error_code: 403, message: 'Invalid access token.' });
  });
});
