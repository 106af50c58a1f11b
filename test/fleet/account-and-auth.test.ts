// The Databricks side of auth and discovery against the emulator: account-level OAuth M2M at the
// account token endpoint, the Account API's workspace list, workload identity federation (token
// exchange) at a workspace, and DATABRICKS_HOST as the default workspace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { hookql } from '../helpers/run-cli.js';
import { sendJson, startServer, type TestServer } from '../execute/helpers/test-server.js';
import { ACCOUNT_ID, fleetEnv, jwt, requestLog, seed, startAccount, startFleet, TOKEN, type Fleet } from './fleet-support.js';

const ISSUER = 'https://token.actions.githubusercontent.com';
let fleet: Fleet;
let account: RunningEmulator;
let federated: RunningEmulator;
let github: TestServer;

beforeAll(async () => {
  fleet = await startFleet(3);
  account = await startAccount([...fleet.urls.map((url) => ({ url })), { url: 'http://127.0.0.1:9', status: 'FAILED' }]);
  federated = await startEmulator({ token: TOKEN, federation: { issuer: ISSUER } });
  await seed(federated.url, 2);
  // GitHub's ID-token endpoint: mints a JWT for the audience asked for.
  github = await startServer((req, res) => {
    const audience = req.query.find(([k]) => k === 'audience')?.[1];
    if (req.headers.authorization !== 'Bearer gh-runtime-token') return sendJson(res, 401, { message: 'bad request token' });
    sendJson(res, 200, { value: jwt({ iss: ISSUER, aud: audience, sub: 'repo:acme/ml:ref:refs/heads/main' }) });
  });
}, 60_000);
afterAll(async () => {
  await Promise.all([fleet?.close(), account?.close(), federated?.close(), github?.close()]);
});

describe('databricks_account.provisioning.workspaces', () => {
  it('lists the running workspaces of the account, with an account-level M2M token from the account token endpoint', async () => {
    const env = fleetEnv(account.url, { DATABRICKS_TOKEN: '' });
    const run = await hookql(
      ['exec', '-o', 'json', `SELECT deployment_name, workspace_status FROM databricks_account.provisioning.workspaces WHERE account_id = '${ACCOUNT_ID}' AND workspace_status = 'RUNNING' ORDER BY workspace_id`],
      { env },
    );
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual(fleet.urls.map((url) => ({ deployment_name: url, workspace_status: 'RUNNING' })));
    const log = (await requestLog(account.url)).map((r) => `${r.method} ${r.path} ${r.status}`);
    expect(log).toEqual([`POST /oidc/accounts/${ACCOUNT_ID}/v1/token 200`, `GET /api/2.0/accounts/${ACCOUNT_ID}/workspaces 200`]);
  });

  it('when no profile has the account and nothing names its host then the statement says which accounts host it would use', async () => {
    const run = await hookql(['exec', `SELECT * FROM databricks_account.provisioning.workspaces WHERE account_id = 'other-account'`], {
      env: fleetEnv(account.url, { DATABRICKS_TOKEN: '' }),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("no credentials for account 'other-account' (https://accounts.cloud.databricks.com)");
  });

  it('when the account id is missing then the statement is refused before anything is sent', async () => {
    const run = await hookql(['exec', 'SELECT * FROM databricks_account.provisioning.workspaces'], { env: fleetEnv(account.url, { DATABRICKS_HOST: fleet.urls[0] }) });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("missing required parameter 'account_id'");
  });
});

describe('hookql.config.profiles', () => {
  it('lists the profiles of the config file without their secrets', async () => {
    const run = await hookql(['exec', '-o', 'json', 'SELECT * FROM hookql.config.profiles'], { env: fleetEnv(account.url) });
    expect(JSON.parse(run.stdout)).toEqual([{ profile: 'acct', host: account.url, auth_type: null, account_id: ACCOUNT_ID, config_file: expect.stringMatching(/databrickscfg$/) }]);
    expect(run.stdout).not.toContain('acct-sp-secret');
  });
});

describe('workload identity federation against the emulator', () => {
  const count = `SELECT count(*) AS n FROM databricks_workspace.ml.model_registry_webhooks`;

  it('env-oidc: a CI JWT for this workspace is exchanged at /oidc/v1/token and the token works', async () => {
    const env = fleetEnv(null, { DATABRICKS_TOKEN: '', DATABRICKS_HOST: federated.url, DATABRICKS_OIDC_TOKEN: jwt({ iss: ISSUER, aud: `${federated.url}/oidc/v1/token` }) });
    const run = await hookql(['exec', '-o', 'json', count], { env });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual([{ n: 2 }]);
  });

  it('github-oidc: the ID token is minted for the token endpoint, exchanged, and used', async () => {
    const env = fleetEnv(null, {
      DATABRICKS_TOKEN: '',
      DATABRICKS_HOST: federated.url,
      ACTIONS_ID_TOKEN_REQUEST_URL: `${github.url}/_apis/idtoken?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'gh-runtime-token',
    });
    const run = await hookql(['exec', '-o', 'json', count], { env });
    expect(JSON.parse(run.stdout)).toEqual([{ n: 2 }]);
    expect(github.requests.at(-1)?.query).toContainEqual(['audience', `${federated.url}/oidc/v1/token`]);
  });

  it('a JWT from an untrusted issuer is refused by the token endpoint (exit 1, the reason shown, the JWT not)', async () => {
    const token = jwt({ iss: 'https://evil.example.com', aud: `${federated.url}/oidc/v1/token` });
    const run = await hookql(['exec', count], { env: fleetEnv(null, { DATABRICKS_TOKEN: '', DATABRICKS_HOST: federated.url, DATABRICKS_OIDC_TOKEN: token }) });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('invalid_grant: The token issuer is not trusted by any federation policy.');
    expect(run.stderr).not.toContain(token.slice(0, 20));
  });
});

describe('DATABRICKS_HOST', () => {
  it('is the workspace of a statement that names none', async () => {
    const run = await hookql(['exec', '-o', 'json', 'SELECT workspace, count(*) AS n FROM databricks_workspace.ml.model_registry_webhooks GROUP BY workspace'], {
      env: fleetEnv(null, { DATABRICKS_HOST: fleet.urls[2] }),
    });
    expect(JSON.parse(run.stdout)).toEqual([{ workspace: fleet.urls[2], n: 3 }]);
  });
});
