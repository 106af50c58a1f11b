// Where an account id sends its requests, in order: DATABRICKS_HOST for DATABRICKS_ACCOUNT_ID, the
// profile that has the account id, else its cloud's accounts console; always with an account-level
// token endpoint.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAccount } from '../../src/execute/resolve-account.js';

const HOSTS = { aws: 'https://accounts.cloud.databricks.com', azure: 'https://accounts.azuredatabricks.net', gcp: 'https://accounts.gcp.databricks.com' };
const server = { kind: 'account' as const, hosts: HOSTS };
const cfg = join(mkdtempSync(join(tmpdir(), 'hookql-acct-')), 'cfg');
writeFileSync(cfg, ['[ws]', 'host = https://dbc-1.cloud.databricks.com', 'token = dapi-ws', '[acct]', 'host = https://accounts.cloud.databricks.com', 'account_id = A1', 'client_id = cid', 'client_secret = csec'].join('\n'));
const local = async () => ({ url: 'http://127.0.0.1:1', token: 't', close: async () => {} });
const resolve = (id: string, env: Record<string, string>) => resolveAccount(id, server, { env: { DATABRICKS_CONFIG_FILE: cfg, PATH: '', ...env }, local });

describe('resolveAccount', () => {
  it('the profile that has the account id gives the host and an account-level M2M token endpoint', async () => {
    const ws = await resolve('A1', {});
    expect(ws.origin).toBe('https://accounts.cloud.databricks.com');
    expect(ws.auth.candidates[0].token).toEqual({ kind: 'client-credentials', tokenUrl: 'https://accounts.cloud.databricks.com/oidc/accounts/A1/v1/token', clientId: 'cid', clientSecret: 'csec' });
  });

  it('DATABRICKS_HOST with DATABRICKS_ACCOUNT_ID of this account wins, with the environment credentials', async () => {
    const ws = await resolve('A1', { DATABRICKS_HOST: 'http://127.0.0.1:4000', DATABRICKS_ACCOUNT_ID: 'A1', DATABRICKS_CLIENT_ID: 'e-id', DATABRICKS_CLIENT_SECRET: 'e-sec' });
    expect(ws.origin).toBe('http://127.0.0.1:4000');
    expect(ws.auth.candidates[0].token).toMatchObject({ tokenUrl: 'http://127.0.0.1:4000/oidc/accounts/A1/v1/token', clientId: 'e-id' });
  });

  it.each([
    { cloud: undefined, host: 'https://accounts.cloud.databricks.com' },
    { cloud: 'Azure', host: 'https://accounts.azuredatabricks.net' },
    { cloud: 'gcp', host: 'https://accounts.gcp.databricks.com' },
  ])('an account no profile has goes to the accounts console of DATABRICKS_CLOUD=$cloud', async ({ cloud, host }) => {
    const ws = await resolve('B2', { DATABRICKS_CLIENT_ID: 'e-id', DATABRICKS_CLIENT_SECRET: 'e-sec', ...(cloud ? { DATABRICKS_CLOUD: cloud } : {}) });
    expect(ws.origin).toBe(host);
    expect(ws.auth.candidates[0].token).toMatchObject({ tokenUrl: `${host}/oidc/accounts/B2/v1/token` });
  });

  it('the databricks CLI is asked for an account token with --account-id', async () => {
    const ws = await resolveAccount('B2', server, { env: { DATABRICKS_CONFIG_FILE: cfg, PATH: '' }, local, findExecutable: (n) => (n === 'databricks' ? '/fake/databricks' : null) });
    expect(ws.auth.candidates[0].token).toEqual({
      kind: 'command',
      command: '/fake/databricks',
      args: ['auth', 'token', '--host', 'https://accounts.cloud.databricks.com', '--account-id', 'B2'],
      output: 'databricks-cli',
    });
  });
});
