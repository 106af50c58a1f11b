import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { resolveWorkspace } from '../../src/execute/resolve-workspace.js';
import type { Executor } from '../../src/execute/types.js';
import { apiRequest, rejection, testExecutor } from './helpers/requests.js';
import { sendJson, startServer, type TestServer } from './helpers/test-server.js';

const dir = mkdtempSync(join(tmpdir(), 'hookql-cfg-'));
const CFG = join(dir, 'databrickscfg');
writeFileSync(
  CFG,
  [
    '# written by the Databricks CLI',
    '[DEFAULT]',
    'host = https://default.example.com',
    '[prod]',
    'host = https://prod.example.com/',
    'token = dapi-profile-token',
    '',
    '[m2m]',
    'host = m2m.example.com',
    'client_id = prof-client',
    'client_secret = prof-secret',
    '[bare]',
    'host = https://bare.example.com',
    '[nohost]',
    'token = x',
    '[plainhttp]',
    'host = http://prod.example.com',
    'token = y',
  ].join('\n'),
);

const local = async () => ({ url: 'http://127.0.0.1:4321', token: 'local-token', close: async () => {} });
const ENV = { DATABRICKS_CONFIG_FILE: CFG, DATABRICKS_TOKEN: 'dapi-env' };
const resolve = (workspace: string, env: Record<string, string | undefined> = ENV) => resolveWorkspace(workspace, { env, local });
/** The origin and what the first auth candidate sends, in the shape the table below reads best. */
const resolved = async (workspace: string, env?: Record<string, string | undefined>) => {
  const ws = await resolve(workspace, env);
  const token = ws.auth.candidates[0].token;
  const credentials =
    token.kind === 'static' ? { kind: 'bearer', token: token.token } : token.kind === 'client-credentials' ? { kind: 'oauth-m2m', clientId: token.clientId, clientSecret: token.clientSecret } : token;
  return { origin: ws.origin, credentials };
};

describe('resolveWorkspace, in DESIGN.md order', () => {
  it.each([
    { workspace: 'local', origin: 'http://127.0.0.1:4321', credentials: { kind: 'bearer', token: 'local-token' } },
    { workspace: 'https://x.example.com/some/path', origin: 'https://x.example.com', credentials: { kind: 'bearer', token: 'dapi-env' } },
    { workspace: 'http://127.0.0.1:8080', origin: 'http://127.0.0.1:8080', credentials: { kind: 'bearer', token: 'dapi-env' } },
    { workspace: 'http://127.1.2.3:1', origin: 'http://127.1.2.3:1', credentials: { kind: 'bearer', token: 'dapi-env' } },
    { workspace: 'http://localhost:9', origin: 'http://localhost:9', credentials: { kind: 'bearer', token: 'dapi-env' } },
    { workspace: 'http://[::1]:9', origin: 'http://[::1]:9', credentials: { kind: 'bearer', token: 'dapi-env' } },
    { workspace: 'prod', origin: 'https://prod.example.com', credentials: { kind: 'bearer', token: 'dapi-profile-token' } },
    {
      workspace: 'm2m',
      origin: 'https://m2m.example.com',
      credentials: { kind: 'oauth-m2m', clientId: 'prof-client', clientSecret: 'prof-secret' },
    },
    { workspace: 'bare', origin: 'https://bare.example.com', credentials: { kind: 'bearer', token: 'dapi-env' } },
    { workspace: 'DEFAULT', origin: 'https://default.example.com', credentials: { kind: 'bearer', token: 'dapi-env' } },
    { workspace: 'dbc-1a2b3c4d-5e6f', origin: 'https://dbc-1a2b3c4d-5e6f.cloud.databricks.com', credentials: { kind: 'bearer', token: 'dapi-env' } },
    // Azure and GCP deployment names carry their shard (the Account API's deployment_name on those clouds).
    { workspace: 'adb-1234567890123456.7', origin: 'https://adb-1234567890123456.7.azuredatabricks.net', credentials: { kind: 'bearer', token: 'dapi-env' } },
    { workspace: '1234567890123456.7', origin: 'https://1234567890123456.7.gcp.databricks.com', credentials: { kind: 'bearer', token: 'dapi-env' } },
  ])('$workspace → $origin', async ({ workspace, origin, credentials }) => {
    await expect(resolved(workspace)).resolves.toEqual({ origin, credentials });
  });

  it('when only the OAuth client is in the environment then it is used', async () => {
    const env = { DATABRICKS_CONFIG_FILE: CFG, DATABRICKS_CLIENT_ID: 'id', DATABRICKS_CLIENT_SECRET: 'sec' };
    await expect(resolved('myws', env)).resolves.toMatchObject({ credentials: { kind: 'oauth-m2m', clientId: 'id' } });
  });

  it.each([
    { name: 'plain http to a non-loopback host', workspace: 'http://example.com:8080', message: 'only for loopback' },
    { name: 'plain http to a private address', workspace: 'http://10.0.0.5', message: 'only for loopback' },
    { name: 'another scheme', workspace: 'ftp://example.com', message: "unsupported scheme 'ftp:'" },
    { name: 'a profile host over plain http', workspace: 'plainhttp', message: 'only for loopback' },
    { name: 'a profile without host', workspace: 'nohost', message: 'has no host' },
    { name: 'a name that is not a DNS label', workspace: 'my workspace', message: 'is not' },
    { name: 'a name with a dot', workspace: 'a.b', message: 'deployment name' },
    { name: 'a profile DATABRICKS_CONFIG_PROFILE names that does not exist', workspace: 'https://x.example.com', message: 'has no nope profile configured', env: { ...ENV, DATABRICKS_CONFIG_PROFILE: 'nope' } },
  ])('when given $name then a ConfigError explains it', async ({ workspace, message, env }) => {
    const err = await rejection(resolve(workspace, env));
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toContain(message);
    expect((err as ConfigError).hint).toBeTruthy();
  });

  it('when a URL carries a password then it is refused without echoing it', async () => {
    const err = await rejection(resolve('https://me:hunter2pass@x.example.com'));
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).not.toContain('hunter2pass');
  });

  it.each([
    { name: 'no credentials at all', env: { DATABRICKS_CONFIG_FILE: CFG }, message: 'pat (no token; needs token (DATABRICKS_TOKEN))' },
    { name: 'a client id without secret', env: { DATABRICKS_CONFIG_FILE: CFG, DATABRICKS_CLIENT_ID: 'id' }, message: 'oauth-m2m (no client_secret; needs client_id and client_secret (DATABRICKS_CLIENT_ID, DATABRICKS_CLIENT_SECRET)' },
  ])('when there is $name then a ConfigError names the environment variables', async ({ env, message }) => {
    const err = await rejection(resolve('https://x.example.com', env));
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toContain(message);
  });

  it('when DATABRICKS_CONFIG_FILE points nowhere then names fall through to the cloud host', async () => {
    const env = { DATABRICKS_CONFIG_FILE: join(dir, 'missing'), DATABRICKS_TOKEN: 't' };
    await expect(resolve('prod', env)).resolves.toMatchObject({ origin: 'https://prod.cloud.databricks.com' });
  });
});

describe('a profile workspace end to end', () => {
  let server: TestServer;
  let executor: Executor;
  afterEach(async () => {
    await executor?.close();
    await server?.close();
  });

  it('when the profile points at a server then requests go there with the profile token, not the env token', async () => {
    server = await startServer((_req, res) => sendJson(res, 200, { ok: true }));
    const cfg = join(dir, 'e2e.cfg');
    writeFileSync(cfg, `[staging]\nhost = ${server.url}\ntoken = dapi-staging\n`);
    executor = testExecutor({ env: { DATABRICKS_CONFIG_FILE: cfg, DATABRICKS_TOKEN: 'dapi-env' } });

    await executor.call(apiRequest('staging'));
    expect(server.requests[0].headers.authorization).toBe('Bearer dapi-staging');
  });
});
