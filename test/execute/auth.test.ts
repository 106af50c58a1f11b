import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../src/errors.js';
import type { Executor } from '../../src/execute/types.js';
import { apiRequest, PAT, rejection, testExecutor } from './helpers/requests.js';
import { CLIENT_ID, CLIENT_SECRET, startOAuthServer, type OAuthServer, type OAuthServerOptions } from './helpers/oauth-server.js';
import { sendJson, startServer, type TestServer } from './helpers/test-server.js';

let server: TestServer | OAuthServer;
let executor: Executor;
afterEach(async () => {
  await executor?.close();
  await server?.close();
});

const M2M_ENV = { DATABRICKS_CLIENT_ID: CLIENT_ID, DATABRICKS_CLIENT_SECRET: CLIENT_SECRET, DATABRICKS_CONFIG_FILE: '/nonexistent/cfg' };

async function m2m(options: OAuthServerOptions = {}): Promise<OAuthServer> {
  const s = await startOAuthServer(options);
  server = s;
  executor = testExecutor({ env: M2M_ENV });
  return s;
}

describe('personal access token', () => {
  it('when DATABRICKS_TOKEN is set then requests carry it as a bearer token, with the standard headers', async () => {
    server = await startServer((_req, res) => sendJson(res, 200, {}));
    executor = testExecutor();
    await executor.call(apiRequest(server.url));
    await executor.call(apiRequest(server.url, { httpMethod: 'POST', body: { a: 1 } }));
    const [get, post] = server.requests;

    expect(get.headers.authorization).toBe(`Bearer ${PAT}`);
    expect(get.headers.accept).toBe('application/json');
    expect(get.headers['user-agent']).toMatch(/^hookql\/\d+\.\d+\.\d+/);
    expect(get.headers['content-type']).toBeUndefined();
    expect(post.headers['content-type']).toBe('application/json');
    expect(JSON.parse(post.body)).toEqual({ a: 1 });
  });

  it('when a PAT is rejected with 401 then there is no token refresh and no retry', async () => {
    server = await startServer((_req, res) => sendJson(res, 401, { error_code: 401, message: 'bad' }));
    executor = testExecutor();
    const err = await rejection(executor.call(apiRequest(server.url)));
    expect((err as ApiError).details.status).toBe(401);
    expect(server.requests).toHaveLength(1);
  });

  it('when the workspace is a deployment name then the request goes to <name>.cloud.databricks.com (MockAgent, no network)', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent
      .get('https://dbc-1a2b3c4d-5e6f.cloud.databricks.com')
      .intercept({ path: '/api/2.0/things/list?x=1', method: 'GET', headers: { authorization: `Bearer ${PAT}` } })
      .reply(200, { things: [] });
    executor = testExecutor({ dispatcher: agent });
    await expect(executor.call(apiRequest('dbc-1a2b3c4d-5e6f', { query: [['x', '1']] }))).resolves.toEqual({ things: [] });
    agent.assertNoPendingInterceptors();
    await agent.close();
  });
});

describe('OAuth machine-to-machine', () => {
  it('when several calls start at once then one token is fetched, with the client in a Basic header', async () => {
    const s = await m2m();
    const results = await Promise.all(Array.from({ length: 5 }, () => executor.call(apiRequest(s.url))));

    expect(results).toEqual(Array(5).fill({ ok: 'access-1' }));
    expect(s.tokenRequests()).toBe(1);
    const tokenRequest = s.requests.find((r) => r.path === '/oidc/v1/token')!;
    expect(tokenRequest.method).toBe('POST');
    expect(tokenRequest.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(tokenRequest.body).toBe('grant_type=client_credentials&scope=all-apis');
  });

  it('when calls follow each other then the cached token is reused', async () => {
    const s = await m2m();
    for (let i = 0; i < 3; i++) await executor.call(apiRequest(s.url));
    expect(s.tokenRequests()).toBe(1);
  });

  it('when the token nears expiry then a new one is fetched before use', async () => {
    const s = await m2m({ expiresIn: 1, accepts: () => true });
    await executor.call(apiRequest(s.url));
    await new Promise((r) => setTimeout(r, 800)); // past 1 s minus the margin (a quarter of it)
    await expect(executor.call(apiRequest(s.url))).resolves.toEqual({ ok: 'access-2' });
    expect(s.tokenRequests()).toBe(2);
  });

  it.each([
    { name: '401', rejectWith: { status: 401, body: { error_code: 'UNAUTHENTICATED', message: 'expired' } } },
    { name: '403 with a numeric error_code', rejectWith: { status: 403, body: { error_code: 403, message: 'Invalid access token.' } } },
  ])('when the API rejects the token with $name then it is refreshed once and the call succeeds', async ({ rejectWith }) => {
    // The server accepts only tokens issued after the first: the first looks expired to it.
    const s = await m2m({ rejectWith, accepts: (t) => t !== 'access-1' });
    await expect(executor.call(apiRequest(s.url))).resolves.toEqual({ ok: 'access-2' });
    expect(s.tokenRequests()).toBe(2);
    expect(s.apiRequests()).toBe(2);
  });

  it('when the API keeps rejecting fresh tokens then it refreshes only once', async () => {
    const s = await m2m({ accepts: () => false });
    const err = await rejection(executor.call(apiRequest(s.url)));
    expect((err as ApiError).details.status).toBe(401);
    expect(s.tokenRequests()).toBe(2);
    expect(s.apiRequests()).toBe(2);
  });

  it('when the API answers 403 PERMISSION_DENIED then the token is not refreshed', async () => {
    const s = await m2m({ accepts: () => false, rejectWith: { status: 403, body: { error_code: 'PERMISSION_DENIED', message: 'no' } } });
    const err = await rejection(executor.call(apiRequest(s.url)));
    expect((err as ApiError).details.errorCode).toBe('PERMISSION_DENIED');
    expect(s.tokenRequests()).toBe(1);
  });

  it('when the token endpoint refuses the client then an ApiError names the token endpoint', async () => {
    server = await startOAuthServer();
    executor = testExecutor({ env: { ...M2M_ENV, DATABRICKS_CLIENT_SECRET: 'wrong-secret-555' } });
    const err = await rejection(executor.call(apiRequest(server.url)));
    expect((err as ApiError).details).toMatchObject({ status: 401, errorCode: 'invalid_client', path: '/oidc/v1/token' });
    expect(err.message).not.toContain('wrong-secret-555');
  });
});
