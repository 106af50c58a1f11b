// The legacy client's preview paths answer exactly like the plain ones, and the discovery documents
// recent SDKs fetch before authenticating are served without a token (issue 11, items 1 and 2).

import { beforeEach, describe, expect, it } from 'vitest';
import { BASE, httpHook, reset, useEmulator } from './helpers.js';

const ctx = useEmulator({ clientId: 'ci', clientSecret: 'ci-secret' });
const PREVIEW = '/api/2.0/preview/mlflow/registry-webhooks';
beforeEach(() => reset(ctx.api));

describe('preview paths', () => {
  it('create, list, update, test and delete (with the legacy JSON body) work under /api/2.0/preview', async () => {
    const created = await ctx.api.send('POST', `${PREVIEW}/create`, { body: httpHook({ status: 'TEST_MODE' }) });
    expect(created.status).toBe(200);
    const id = created.body.webhook.id;
    const plain = await ctx.api.send('GET', `${BASE}/list`);
    const preview = await ctx.api.send('GET', `${PREVIEW}/list`);
    expect(preview.body).toEqual(plain.body);
    expect((await ctx.api.send('PATCH', `${PREVIEW}/update`, { body: { id, description: 'd' } })).body.webhook.description).toBe('d');
    expect((await ctx.api.send('POST', `${PREVIEW}/test`, { body: { id } })).status).toBe(200);
    expect((await ctx.api.send('DELETE', `${PREVIEW}/delete`, { body: { id } })).body).toEqual({});
    expect((await ctx.api.send('GET', `${BASE}/list`)).body).toEqual({});
  });

  it('a wrong method on a preview path is the same ENDPOINT_NOT_FOUND', async () => {
    expect((await ctx.api.send('GET', `${PREVIEW}/create`)).body).toEqual({
      error_code: 'ENDPOINT_NOT_FOUND',
      message: "No API found for 'GET /preview/mlflow/registry-webhooks/create'",
    });
  });
});

describe('discovery', () => {
  it('GET /.well-known/databricks-config needs no token and points at the OIDC root', async () => {
    const reply = await ctx.api.send('GET', '/.well-known/databricks-config', { token: null });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ oidc_endpoint: `${ctx.emulator.url}/oidc`, workspace_id: '1000000000000001', cloud: 'AWS' });
  });

  it('the OIDC discovery document derived from it names the token endpoint, which issues tokens', async () => {
    const meta = await ctx.api.send('GET', '/.well-known/databricks-config', { token: null });
    const discovery = await ctx.api.send('GET', new URL(`${meta.body.oidc_endpoint}/.well-known/oauth-authorization-server`).pathname, { token: null });
    expect(discovery.body.token_endpoint).toBe(`${ctx.emulator.url}/oidc/v1/token`);
    const token = await ctx.api.send('POST', new URL(discovery.body.token_endpoint).pathname, {
      token: null,
      raw: 'grant_type=client_credentials&scope=all-apis',
      headers: { authorization: `Basic ${Buffer.from('ci:ci-secret').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(token.body.token_type).toBe('Bearer');
  });

  it('other well-known paths are not public', async () => {
    expect((await ctx.api.send('GET', '/.well-known/openid-configuration', { token: null })).status).toBe(403);
  });
});
