// The emulator's account mode and token exchange, as the SDKs and hookql call them: the Account
// API's workspace list (a bare array) and get, account-level OIDC discovery and token endpoint, host
// metadata, and RFC 8693 token exchange checked against the federation issuer.
import { describe, expect, it } from 'vitest';
import { USER, useEmulator } from './helpers.js';

const ACCOUNT = 'acc-1234';
const ISSUER = 'https://token.actions.githubusercontent.com';
const ctx = useEmulator({
  clientId: 'sp-id',
  clientSecret: 'sp-secret',
  account: { id: ACCOUNT, workspaces: [{ url: 'http://127.0.0.1:1111' }, { url: 'http://127.0.0.1:2222/', status: 'failed' }] },
  federation: { issuer: ISSUER },
});

const jwt = (claims: Record<string, unknown>) =>
  [{ alg: 'RS256' }, { exp: Math.floor(Date.now() / 1000) + 60, ...claims }].map((p) => Buffer.from(JSON.stringify(p)).toString('base64url')).join('.') + '.sig';
const form = (fields: Record<string, string>) => ({ raw: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, token: null });

describe('account mode', () => {
  it('lists the account workspaces as a bare array, each deployment_name its URL', async () => {
    const reply = await ctx.api.send('GET', `/api/2.0/accounts/${ACCOUNT}/workspaces`);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject([
      { deployment_name: 'http://127.0.0.1:1111', workspace_status: 'RUNNING', account_id: ACCOUNT, workspace_name: 'workspace-1' },
      { deployment_name: 'http://127.0.0.1:2222', workspace_status: 'FAILED' },
    ]);
    const one = await ctx.api.send('GET', `/api/2.0/accounts/${ACCOUNT}/workspaces/${reply.body[1].workspace_id}`);
    expect(one.body).toEqual(reply.body[1]);
  });

  it('refuses the Account API to a non-admin token and to no token', async () => {
    expect((await ctx.api.send('GET', `/api/2.0/accounts/${ACCOUNT}/workspaces`, { token: USER })).status).toBe(403);
    expect((await ctx.api.send('GET', `/api/2.0/accounts/${ACCOUNT}/workspaces`, { token: null })).status).toBe(403);
  });

  it('serves account OIDC discovery and an account token endpoint whose tokens work on the Account API', async () => {
    const meta = await ctx.api.send('GET', `/oidc/accounts/${ACCOUNT}/.well-known/oauth-authorization-server`, { token: null });
    expect(meta.body.token_endpoint).toBe(`${ctx.emulator.url}/oidc/accounts/${ACCOUNT}/v1/token`);
    const basic = Buffer.from('sp-id:sp-secret').toString('base64');
    const token = await ctx.api.send('POST', `/oidc/accounts/${ACCOUNT}/v1/token`, { ...form({ grant_type: 'client_credentials', scope: 'all-apis' }), headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` } });
    expect(token.status).toBe(200);
    expect(token.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect((await ctx.api.send('GET', `/api/2.0/accounts/${ACCOUNT}/workspaces`, { token: token.body.access_token })).status).toBe(200);
  });

  it('answers host metadata for an account host', async () => {
    const reply = await ctx.api.send('GET', '/.well-known/databricks-config', { token: null });
    expect(reply.body).toEqual({ oidc_endpoint: `${ctx.emulator.url}/oidc/accounts/${ACCOUNT}`, account_id: ACCOUNT, cloud: 'AWS' });
  });
});

describe('token exchange', () => {
  const exchange = (subject: string, extra: Record<string, string> = {}) =>
    ctx.api.send('POST', '/oidc/v1/token', form({ grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange', subject_token_type: 'urn:ietf:params:oauth:token-type:jwt', subject_token: subject, scope: 'all-apis', ...extra }));

  it('trades a JWT from the trusted issuer, for this token endpoint, for a token the API accepts', async () => {
    const reply = await exchange(jwt({ iss: ISSUER, aud: `${ctx.emulator.url}/oidc/v1/token` }), { client_id: 'sp-id' });
    expect(reply.status).toBe(200);
    expect((await ctx.api.send('GET', '/api/2.0/mlflow/registry-webhooks/list', { token: reply.body.access_token })).status).toBe(200);
  });

  it.each([
    { name: 'another issuer', claims: { iss: 'https://evil.example.com' }, status: 401, error: 'invalid_grant', why: 'issuer is not trusted' },
    { name: 'another audience', claims: { iss: ISSUER, aud: 'https://elsewhere/oidc/v1/token' }, status: 401, error: 'invalid_grant', why: 'audience does not match' },
    { name: 'an expired JWT', claims: { iss: ISSUER, exp: 1 }, status: 401, error: 'invalid_grant', why: 'expired' },
  ])('refuses $name with the RFC 6749 error shape', async ({ claims, status, error, why }) => {
    const reply = await exchange(jwt({ aud: `${ctx.emulator.url}/oidc/v1/token`, ...claims }));
    expect(reply.status).toBe(status);
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
    expect(reply.body.error).toBe(error);
    expect(reply.body.error_description).toContain(why);
  });

  it('refuses a subject token that is not a JWT as a bad request', async () => {
    const reply = await exchange('not-a-jwt');
    expect(reply.status).toBe(400);
    expect(reply.body.error).toBe('invalid_request');
  });
});
