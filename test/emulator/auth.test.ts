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
  const grant = (model_name: string, user_name: string, permission_level = 'CAN_MANAGE') =>
    ctx.api.send('POST', '/__emulator/permissions', { body: { model_name, user_name, permission_level } });

  // Before issue 11 any user could manage any model's hooks; the GUIDE requires CAN MANAGE on the model.
  it('a user without CAN_MANAGE on the model is refused create, update, delete and test', async () => {
    const hook = await create(ctx.api, httpHook());
    const attempts: Array<[string, string, object]> = [
      ['POST', `${BASE}/create`, { body: httpHook() }],
      ['PATCH', `${BASE}/update`, { body: { id: hook.id, description: 'x' } }],
      ['DELETE', `${BASE}/delete`, { query: `id=${hook.id}` }],
      ['POST', `${BASE}/test`, { body: { id: hook.id } }],
    ];
    expect((await grant('churn-model', 'user@example.com', 'CAN_EDIT')).status).toBe(200);
    for (const [method, path, options] of attempts) {
      const reply = await ctx.api.send(method, path, { token: USER, ...options });
      expect(reply.status, `${method} ${path}`).toBe(403);
      expect(reply.body).toEqual({ error_code: 'PERMISSION_DENIED', message: expect.stringContaining("CAN_MANAGE permission on registered model 'churn-model'") });
    }
  });

  it('a CAN_MANAGE grant lets the user manage that model\'s hooks, and only that model\'s', async () => {
    expect((await grant('churn-model', 'user@example.com')).body).toEqual({ model_name: 'churn-model', user_name: 'user@example.com', permission_level: 'CAN_MANAGE' });
    const hook = await create(ctx.api, httpHook(), USER);
    const updated = await ctx.api.send('PATCH', `${BASE}/update`, { token: USER, body: { id: hook.id, description: 'x' } });
    expect(updated.status).toBe(200);
    expect((await ctx.api.send('DELETE', `${BASE}/delete`, { token: USER, query: `id=${hook.id}` })).status).toBe(200);
    const other = await ctx.api.send('POST', `${BASE}/create`, { token: USER, body: httpHook({ model_name: 'other-model' }) });
    expect(other.body.error_code).toBe('PERMISSION_DENIED');
  });

  it('a user who creates a registered model can manage its hooks, also after a rename', async () => {
    expect((await ctx.api.send('POST', '/api/2.0/mlflow/registered-models/create', { token: USER, body: { name: 'own-model' } })).status).toBe(200);
    expect((await ctx.api.send('POST', `${BASE}/create`, { token: USER, body: httpHook({ model_name: 'own-model' }) })).status).toBe(200);
    await ctx.api.send('POST', '/api/2.0/mlflow/registered-models/rename', { token: USER, body: { name: 'own-model', new_name: 'renamed-model' } });
    expect((await ctx.api.send('POST', `${BASE}/create`, { token: USER, body: httpHook({ model_name: 'renamed-model' }) })).status).toBe(200);
    expect((await ctx.api.send('POST', `${BASE}/create`, { token: USER, body: httpHook({ model_name: 'own-model' }) })).body.error_code).toBe('PERMISSION_DENIED');
  });

  it('users added through the admin API authenticate with their own token, as admin or not', async () => {
    const added = await ctx.api.send('POST', '/__emulator/users', { body: { user_name: 'ana@example.com', token: 'ana-token-123' } });
    expect(added.body).toEqual({ user_name: 'ana@example.com', admin: false });
    await ctx.api.send('POST', '/__emulator/users', { body: { user_name: 'root@example.com', token: 'root-token-123', admin: true } });
    expect((await ctx.api.send('GET', '/__emulator/users')).body.users).toEqual([
      { user_name: 'ana@example.com', admin: false },
      { user_name: 'root@example.com', admin: true },
    ]);
    expect((await ctx.api.send('POST', `${BASE}/create`, { token: 'ana-token-123', body: httpHook() })).body.error_code).toBe('PERMISSION_DENIED');
    await grant('churn-model', 'ana@example.com');
    expect((await ctx.api.send('POST', `${BASE}/create`, { token: 'ana-token-123', body: httpHook() })).status).toBe(200);
    expect((await ctx.api.send('POST', `${BASE}/create`, { token: 'root-token-123', body: httpHook({ model_name: undefined }) })).status).toBe(200);
    await reset(ctx.api);
    expect((await ctx.api.send('GET', `${BASE}/list`, { token: 'ana-token-123' })).status).toBe(403);
  });

  it.each([
    ['an unknown level', { model_name: 'm', user_name: 'u', permission_level: 'CAN_OWN' }],
    ['no model', { user_name: 'u', permission_level: 'CAN_MANAGE' }],
    ['an unknown field', { model_name: 'm', user_name: 'u', permission_level: 'CAN_MANAGE', extra: 1 }],
  ])('a grant with %s is refused', async (_name, body) => {
    const reply = await ctx.api.send('POST', '/__emulator/permissions', { body });
    expect(reply.status).toBe(400);
    expect((await ctx.api.send('GET', '/__emulator/permissions')).body.grants).toEqual([]);
  });

  it('--user-can-manage grants survive a reset', async () => {
    const emulator = await startEmulator({ userToken: USER, userCanManage: ['churn-model'] });
    const api = client(emulator.url);
    try {
      await reset(api);
      expect((await api.send('POST', `${BASE}/create`, { token: USER, body: httpHook() })).status).toBe(200);
    } finally {
      await api.close();
      await emulator.close();
    }
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
    ['GET', '/__emulator/users'],
    ['POST', '/__emulator/users'],
    ['POST', '/__emulator/permissions'],
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
