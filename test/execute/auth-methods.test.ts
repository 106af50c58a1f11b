// Each auth method against fakes of what it talks to: a workspace with a token endpoint, a fake
// Azure AD, a fake GitHub ID-token endpoint, fake `databricks` / `az` CLIs on PATH. The shapes of
// the token requests are asserted, and so is what the workspace finally receives.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuthError, ConfigError } from '../../src/errors.js';
import type { Executor } from '../../src/execute/types.js';
import { fakeAzureCli, fakeDatabricksCli, pathWith } from './helpers/fake-cli.js';
import { apiRequest, rejection, testExecutor } from './helpers/requests.js';
import { sendJson, startServer, type SeenRequest, type TestServer } from './helpers/test-server.js';

const NO_CFG = join(tmpdir(), 'hookql-no-such-file.cfg');
let servers: TestServer[] = [];
let executor: Executor | undefined;
afterEach(async () => {
  await executor?.close();
  executor = undefined;
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

/** A workspace: its token endpoint issues `ws-token-N` for any grant it is sent; the API echoes ok. */
async function workspace(): Promise<TestServer> {
  let n = 0;
  const s = await startServer((req, res) => {
    if (req.path === '/oidc/v1/token' || /^\/oidc\/accounts\/[^/]+\/v1\/token$/.test(req.path)) {
      return sendJson(res, 200, { access_token: `ws-token-${++n}`, token_type: 'Bearer', expires_in: 3600 });
    }
    sendJson(res, 200, { ok: true });
  });
  servers.push(s);
  return s;
}

async function fake(handler: Parameters<typeof startServer>[0]): Promise<TestServer> {
  const s = await startServer(handler);
  servers.push(s);
  return s;
}

const api = (s: TestServer) => s.requests.filter((r) => !r.path.startsWith('/oidc/'));
const tokenCalls = (s: TestServer) => s.requests.filter((r) => r.path.startsWith('/oidc/'));
const form = (r: SeenRequest) => Object.fromEntries(new URLSearchParams(r.body));

function run(env: Record<string, string>) {
  executor = testExecutor({ env: { DATABRICKS_CONFIG_FILE: NO_CFG, PATH: '', ...env } });
  return executor;
}

describe('databricks-cli (U2M through `databricks auth token`)', () => {
  it('when the CLI is on PATH then its token is used, asked for by host', async () => {
    const ws = await workspace();
    const cli = fakeDatabricksCli();
    const ex = run({ PATH: pathWith(cli) });
    await ex.call(apiRequest(ws.url));
    await ex.call(apiRequest(ws.url));

    expect(cli.calls()).toEqual([['auth', 'token', '--host', ws.url]]);
    expect(api(ws).map((r) => r.headers.authorization)).toEqual(['Bearer cli-token-1', 'Bearer cli-token-1']);
  });

  it('when the token the CLI printed has expired then the CLI is asked again before the next request', async () => {
    const ws = await workspace();
    const cli = fakeDatabricksCli({ expiresIn: -5 });
    const ex = run({ PATH: pathWith(cli) });
    await ex.call(apiRequest(ws.url));
    await ex.call(apiRequest(ws.url));

    expect(cli.calls()).toHaveLength(2);
    expect(api(ws).map((r) => r.headers.authorization)).toEqual(['Bearer cli-token-1', 'Bearer cli-token-2']);
  });

  it('when the workspace is a profile then the CLI is asked by profile name', async () => {
    const ws = await workspace();
    const cli = fakeDatabricksCli();
    const cfg = join(mkdtempSync(join(tmpdir(), 'hookql-cfg-')), 'cfg');
    writeFileSync(cfg, `[dev]\nhost = ${ws.url}\nauth_type = databricks-cli\n`);
    await run({ PATH: pathWith(cli), DATABRICKS_CONFIG_FILE: cfg }).call(apiRequest('dev'));
    expect(cli.calls()).toEqual([['auth', 'token', '--profile', 'dev']]);
  });

  it('when the CLI is not logged in and the method is pinned then its message is the error (exit 1)', async () => {
    const ws = await workspace();
    const cli = fakeDatabricksCli({ fail: { status: 1, stderr: 'Error: cache: databricks OAuth is not configured for this host' } });
    const err = await rejection(run({ PATH: pathWith(cli), DATABRICKS_AUTH_TYPE: 'databricks-cli' }).call(apiRequest(ws.url)));
    expect(err).toBeInstanceOf(AuthError);
    expect(err.message).toContain('databricks OAuth is not configured for this host');
    expect((err as AuthError).hint).toContain(`databricks auth login --host ${ws.url}`);
    expect(api(ws)).toHaveLength(0);
  });
});

describe('azure-client-secret (ARM_* service principal through Azure AD)', () => {
  it('when ARM_* are set on an Azure host then two AAD tokens are fetched and sent with the resource id', async () => {
    const ws = await workspace();
    const aad = await fake((req, res) => {
      const f = form(req);
      sendJson(res, 200, { access_token: `aad-${f.resource === '2ff814a6-3304-4ab8-85cb-cd0e6f879c1d' ? 'dbx' : 'mgmt'}`, token_type: 'Bearer', expires_in: '3599' });
    });
    const resourceId = '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Databricks/workspaces/w1';
    await run({
      ARM_CLIENT_ID: 'arm-client',
      ARM_CLIENT_SECRET: 'arm-secret-value',
      ARM_TENANT_ID: 'tenant-1',
      AZURE_AUTHORITY_HOST: aad.url,
      DATABRICKS_CLOUD: 'Azure',
      DATABRICKS_AZURE_RESOURCE_ID: resourceId,
    }).call(apiRequest(ws.url));

    const bodies = aad.requests.map((r) => ({ path: r.path, ...form(r) })).sort((a, b) => a.resource.localeCompare(b.resource));
    expect(bodies).toEqual([
      { path: '/tenant-1/oauth2/token', grant_type: 'client_credentials', resource: '2ff814a6-3304-4ab8-85cb-cd0e6f879c1d', client_id: 'arm-client', client_secret: 'arm-secret-value' },
      { path: '/tenant-1/oauth2/token', grant_type: 'client_credentials', resource: 'https://management.core.windows.net/', client_id: 'arm-client', client_secret: 'arm-secret-value' },
    ]);
    expect(aad.requests[0].headers['content-type']).toBe('application/x-www-form-urlencoded');
    const [sent] = api(ws);
    expect(sent.headers.authorization).toBe('Bearer aad-dbx');
    expect(sent.headers['x-databricks-azure-sp-management-token']).toBe('aad-mgmt');
    expect(sent.headers['x-databricks-azure-workspace-resource-id']).toBe(resourceId);
  });

  it('when Azure AD refuses the client and echoes the secret then the error names the endpoint but shows ***', async () => {
    const ws = await workspace();
    const aad = await fake((req, res) => sendJson(res, 401, { error: 'invalid_client', error_description: `AADSTS7000215: Invalid client secret provided: ${form(req).client_secret}` }));
    const err = await rejection(
      run({ ARM_CLIENT_ID: 'arm-client', ARM_CLIENT_SECRET: 'arm-secret-value-77', ARM_TENANT_ID: 't1', AZURE_AUTHORITY_HOST: aad.url, DATABRICKS_CLOUD: 'azure' }).call(apiRequest(ws.url)),
    );
    expect(err.message).toContain('POST /t1/oauth2/token');
    expect(err.message).toContain('Invalid client secret provided: ***');
    expect(err.message).not.toContain('arm-secret-value-77');
    expect(api(ws)).toHaveLength(0);
  });

  it('when the host is not on Azure then the ARM_* variables are not enough, and the error says why', async () => {
    const ws = await workspace();
    const err = await rejection(run({ ARM_CLIENT_ID: 'a', ARM_CLIENT_SECRET: 'b', ARM_TENANT_ID: 'c' }).resolve(ws.url));
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toContain('azure-client-secret (not an Azure host');
  });
});

describe('azure-cli (`az account get-access-token`)', () => {
  it('when az is on PATH for an Azure host then its token is used, for the Azure Databricks resource', async () => {
    const ws = await workspace();
    const az = fakeAzureCli();
    await run({ PATH: pathWith(az), DATABRICKS_CLOUD: 'azure', ARM_TENANT_ID: 't-9' }).call(apiRequest(ws.url));
    expect(az.calls()).toEqual([['account', 'get-access-token', '--resource', '2ff814a6-3304-4ab8-85cb-cd0e6f879c1d', '--output', 'json', '--tenant', 't-9']]);
    expect(api(ws)[0].headers.authorization).toBe('Bearer az-token-1');
  });

  it('when az printed an expired token then it is asked again', async () => {
    const ws = await workspace();
    const az = fakeAzureCli({ expiresIn: -120 });
    const ex = run({ PATH: pathWith(az), DATABRICKS_CLOUD: 'azure' });
    await ex.call(apiRequest(ws.url));
    await ex.call(apiRequest(ws.url));
    expect(api(ws).map((r) => r.headers.authorization)).toEqual(['Bearer az-token-1', 'Bearer az-token-2']);
  });
});

describe('workload identity federation (token exchange at {host}/oidc/v1/token)', () => {
  it('env-oidc: the JWT in DATABRICKS_OIDC_TOKEN is exchanged, with no secret and no Basic header', async () => {
    const ws = await workspace();
    await run({ DATABRICKS_OIDC_TOKEN: 'eyJ.jwt.env', DATABRICKS_CLIENT_ID: 'sp-app-id' }).call(apiRequest(ws.url));
    const [exchange] = tokenCalls(ws);
    expect(exchange.path).toBe('/oidc/v1/token');
    expect(exchange.headers.authorization).toBeUndefined();
    expect(form(exchange)).toEqual({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      subject_token: 'eyJ.jwt.env',
      scope: 'all-apis',
      client_id: 'sp-app-id',
    });
    expect(api(ws)[0].headers.authorization).toBe('Bearer ws-token-1');
  });

  it('file-oidc: the JWT is read from DATABRICKS_OIDC_TOKEN_FILEPATH, again for every new token', async () => {
    const ws = await fake((req, res) => {
      if (req.path === '/oidc/v1/token') return sendJson(res, 200, { access_token: `x-${form(req).subject_token}`, token_type: 'Bearer', expires_in: 0 });
      sendJson(res, 200, {});
    });
    const file = join(mkdtempSync(join(tmpdir(), 'hookql-jwt-')), 'token');
    writeFileSync(file, 'eyJ.first\n');
    const ex = run({ DATABRICKS_OIDC_TOKEN_FILEPATH: file });
    await ex.call(apiRequest(ws.url));
    writeFileSync(file, 'eyJ.second\n');
    await ex.call(apiRequest(ws.url));
    expect(api(ws).map((r) => r.headers.authorization)).toEqual(['Bearer x-eyJ.first', 'Bearer x-eyJ.second']);
  });

  it('github-oidc: the ID token is requested with the token endpoint as audience, then exchanged', async () => {
    const ws = await workspace();
    const gh = await fake((_req, res) => sendJson(res, 200, { count: 1, value: 'eyJ.github.jwt' }));
    await run({ ACTIONS_ID_TOKEN_REQUEST_URL: `${gh.url}/idtoken?api-version=2.0`, ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'gh-request-token' }).call(apiRequest(ws.url));

    expect(gh.requests[0].headers.authorization).toBe('Bearer gh-request-token');
    expect(gh.requests[0].query).toEqual([['api-version', '2.0'], ['audience', `${ws.url}/oidc/v1/token`]]);
    const exchange = form(tokenCalls(ws)[0]);
    expect(exchange).toMatchObject({ grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange', subject_token: 'eyJ.github.jwt' });
    expect(exchange.client_id).toBeUndefined(); // account-wide federation: no client_id
    expect(api(ws)[0].headers.authorization).toBe('Bearer ws-token-1');
  });
});

describe('choosing a method', () => {
  it('when nothing applies then the error lists every method tried and what each needed (exit 2, nothing sent)', async () => {
    const ws = await workspace();
    const err = await rejection(run({}).call(apiRequest(ws.url)));
    expect(err).toBeInstanceOf(ConfigError);
    for (const m of ['pat', 'oauth-m2m', 'databricks-cli', 'github-oidc', 'env-oidc', 'file-oidc', 'azure-client-secret', 'azure-cli']) {
      expect(err.message).toContain(`\n  ${m} (`);
    }
    expect(err.message).toContain('no databricks executable on PATH');
    expect(ws.requests).toHaveLength(0);
  });

  it('when DATABRICKS_AUTH_TYPE pins a method then it is used even though a PAT is set', async () => {
    const ws = await workspace();
    const cli = fakeDatabricksCli();
    await run({ PATH: pathWith(cli), DATABRICKS_TOKEN: 'dapi-ignored', DATABRICKS_AUTH_TYPE: 'databricks-cli' }).call(apiRequest(ws.url));
    expect(api(ws)[0].headers.authorization).toBe('Bearer cli-token-1');
  });

  it.each([
    { auth: 'oauth-m3m', message: 'auth type "oauth-m3m" not found', hint: 'oauth-m2m' },
    { auth: 'azure-msi', message: "auth_type 'azure-msi'", hint: 'use one of' },
    { auth: 'oauth-m2m', message: 'auth_type oauth-m2m', hint: 'DATABRICKS_CLIENT_ID' },
  ])('when auth_type is $auth then a ConfigError says so before anything is sent', async ({ auth, message, hint }) => {
    const ws = await workspace();
    const err = await rejection(run({ DATABRICKS_TOKEN: 'dapi-x', DATABRICKS_AUTH_TYPE: auth }).call(apiRequest(ws.url)));
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toContain(message);
    expect((err as ConfigError).hint).toContain(hint);
    expect(ws.requests).toHaveLength(0);
  });

  it('when a PAT and an OAuth client are both set then it is refused as two methods, as the SDKs do', async () => {
    const ws = await workspace();
    const err = await rejection(run({ DATABRICKS_TOKEN: 'dapi-both-1', DATABRICKS_CLIENT_ID: 'client-both-2', DATABRICKS_CLIENT_SECRET: 'secret-both-3' }).resolve(ws.url));
    expect(err.message).toContain('more than one authorization method configured');
    expect(err.message).toContain('oauth and pat');
  });

  it('when the first method of the default chain fails then the next one is used', async () => {
    const ws = await workspace();
    const cli = fakeDatabricksCli({ fail: { status: 1, stderr: 'not logged in' } });
    await run({ PATH: pathWith(cli), DATABRICKS_OIDC_TOKEN: 'eyJ.fallback' }).call(apiRequest(ws.url));
    expect(cli.calls()).toHaveLength(1);
    expect(form(tokenCalls(ws)[0]).subject_token).toBe('eyJ.fallback');
    expect(api(ws)[0].headers.authorization).toBe('Bearer ws-token-1');
  });

  it('when every method of the chain fails then the error names each failure', async () => {
    const ws = await workspace();
    const cli = fakeDatabricksCli({ fail: { status: 1, stderr: 'not logged in' } });
    const az = fakeAzureCli({ fail: { status: 1, stderr: "Please run 'az login'" } });
    const err = await rejection(run({ PATH: pathWith(cli, az), DATABRICKS_CLOUD: 'azure' }).call(apiRequest(ws.url)));
    expect(err).toBeInstanceOf(AuthError);
    expect(err.message).toContain('databricks-cli: `databricks auth token --host');
    expect(err.message).toContain("azure-cli: `az account get-access-token");
    expect(err.message).toContain("Please run 'az login'");
  });
});

describe('precedence: explicit > environment > profile', () => {
  const cfgDir = mkdtempSync(join(tmpdir(), 'hookql-prec-'));
  const cfgFile = (text: string) => {
    const p = join(cfgDir, `cfg-${Math.random().toString(36).slice(2)}`);
    writeFileSync(p, text);
    return p;
  };

  it('a profile the statement names beats DATABRICKS_TOKEN', async () => {
    const ws = await workspace();
    const cfg = cfgFile(`[prod]\nhost = ${ws.url}\ntoken = dapi-profile\n`);
    await run({ DATABRICKS_CONFIG_FILE: cfg, DATABRICKS_TOKEN: 'dapi-env' }).call(apiRequest('prod'));
    expect(api(ws)[0].headers.authorization).toBe('Bearer dapi-profile');
  });

  it('DATABRICKS_TOKEN beats the profile DATABRICKS_CONFIG_PROFILE selects', async () => {
    const ws = await workspace();
    const cfg = cfgFile(`[sel]\nhost = https://elsewhere.example.com\ntoken = dapi-selected\n`);
    await run({ DATABRICKS_CONFIG_FILE: cfg, DATABRICKS_CONFIG_PROFILE: 'sel', DATABRICKS_TOKEN: 'dapi-env' }).call(apiRequest(ws.url));
    expect(api(ws)[0].headers.authorization).toBe('Bearer dapi-env');
  });

  it('the selected profile fills in what the environment lacks (its credentials, not its host)', async () => {
    const ws = await workspace();
    const cfg = cfgFile(`[sel]\nhost = https://elsewhere.example.com\ntoken = dapi-selected\n`);
    await run({ DATABRICKS_CONFIG_FILE: cfg, DATABRICKS_CONFIG_PROFILE: 'sel' }).call(apiRequest(ws.url));
    expect(api(ws)[0].headers.authorization).toBe('Bearer dapi-selected');
  });

  it("a profile's auth_type beats DATABRICKS_AUTH_TYPE", async () => {
    const ws = await workspace();
    const cfg = cfgFile(`[p]\nhost = ${ws.url}\ntoken = dapi-p\nauth_type = pat\n`);
    await run({ DATABRICKS_CONFIG_FILE: cfg, DATABRICKS_AUTH_TYPE: 'databricks-cli' }).call(apiRequest('p'));
    expect(api(ws)[0].headers.authorization).toBe('Bearer dapi-p');
  });
});

describe('secrets of every method stay out of HOOKQL_DEBUG lines and errors', () => {
  it('ARM secret, AAD tokens, the OIDC JWT, the GitHub request token and the CLI token never appear', async () => {
    const ws = await fake((req, res) => {
      if (req.path === '/oidc/v1/token') return sendJson(res, 200, { access_token: 'exchanged-token-4f1a9c', token_type: 'Bearer', expires_in: 3600 });
      // The API refuses, echoing the Authorization header it got: the message must still be clean.
      sendJson(res, 400, { error_code: 'BAD', message: `you sent ${req.headers.authorization} and ${req.headers['x-databricks-azure-sp-management-token'] ?? ''}` });
    });
    const aad = await fake((req, res) => sendJson(res, 200, { access_token: `aad-token-${form(req).resource.length}-7d2e`, token_type: 'Bearer', expires_in: 3600 }));
    const gh = await fake((_req, res) => sendJson(res, 200, { value: 'eyJ.github-jwt-88b1' }));
    const cli = fakeDatabricksCli();
    const secrets = ['arm-secret-3c9d51', 'aad-token-36-7d2e', 'aad-token-36', 'eyJ.env-jwt-5e0c', 'eyJ.github-jwt-88b1', 'gh-request-2a7f', 'exchanged-token-4f1a9c', 'cli-token-1'];
    const runs = [
      { ARM_CLIENT_ID: 'c', ARM_CLIENT_SECRET: 'arm-secret-3c9d51', ARM_TENANT_ID: 't', AZURE_AUTHORITY_HOST: aad.url, DATABRICKS_CLOUD: 'azure' },
      { DATABRICKS_OIDC_TOKEN: 'eyJ.env-jwt-5e0c' },
      { ACTIONS_ID_TOKEN_REQUEST_URL: `${gh.url}/t?x=1`, ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'gh-request-2a7f' },
      { PATH: pathWith(cli) },
    ];
    for (const env of runs) {
      const lines: string[] = [];
      executor = testExecutor({ env: { DATABRICKS_CONFIG_FILE: NO_CFG, PATH: '', ...env }, debug: (l) => lines.push(l) });
      const err = await rejection(executor.call(apiRequest(ws.url)));
      await executor.close();
      executor = undefined;
      const text = [err.message, err.stack ?? '', ...lines].join('\n');
      expect(lines.length).toBeGreaterThan(1);
      for (const s of secrets) expect(text).not.toContain(s);
    }
  });
});
