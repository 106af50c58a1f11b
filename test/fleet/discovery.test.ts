// The statement, as written: an account of 12 workspaces (12 emulators, listed by an account
// emulator, 2 more not RUNNING), discovered by a subquery on databricks_account.provisioning.workspaces
// with account-level M2M, then the webhooks of every running workspace counted per workspace.
import { appendFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { hookql } from '../helpers/run-cli.js';
import { ACCOUNT_ID, fleetEnv, requestLog, startAccount, startFleet, type Fleet } from './fleet-support.js';

let fleet: Fleet;
let account: RunningEmulator;

beforeAll(async () => {
  fleet = await startFleet(12);
  // Two more workspaces the account knows but that are not running: never asked.
  account = await startAccount([...fleet.urls.map((url) => ({ url })), { url: 'http://127.0.0.1:9', status: 'PROVISIONING' }, { url: 'http://127.0.0.1:7', status: 'FAILED' }]);
}, 60_000);
afterAll(async () => Promise.all([fleet?.close(), account?.close()]));

const DISCOVERY = `SELECT workspace, count(*) FROM databricks_workspace.ml.model_registry_webhooks
WHERE workspace IN (SELECT deployment_name FROM databricks_account.provisioning.workspaces
                    WHERE account_id = '${ACCOUNT_ID}' AND workspace_status = 'RUNNING')
GROUP BY workspace;`;

describe('workspace discovery as SQL', () => {
  it('counts the webhooks of each of the 12 running workspaces the account lists', async () => {
    const run = await hookql(['exec', '-o', 'json', DISCOVERY], { env: fleetEnv(account.url) });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const rows = (JSON.parse(run.stdout) as { workspace: string; 'count(*)': number }[]).sort((a, b) => a['count(*)'] - b['count(*)']);
    expect(rows).toEqual(fleet.urls.map((url, i) => ({ workspace: url, 'count(*)': i + 1 })));
    // One Account API call (after its account-level token), then one listing per running workspace.
    expect((await requestLog(account.url)).map((r) => r.path)).toEqual([`/oidc/accounts/${ACCOUNT_ID}/v1/token`, `/api/2.0/accounts/${ACCOUNT_ID}/workspaces`]);
    for (const url of fleet.urls) expect((await requestLog(url)).filter((r) => r.path.endsWith('/registry-webhooks/list'))).toHaveLength(1);
  });

  it('the profiles of ~/.databrickscfg feed a statement too: every workspace profile, none of the account ones', async () => {
    const env = fleetEnv(account.url);
    appendFileSync(env.DATABRICKS_CONFIG_FILE, `[dev]\nhost = ${fleet.urls[1]}\ntoken = dev-token\n[prod]\nhost = ${fleet.urls[2]}\ntoken = dev-token\n`);
    const sql = `SELECT workspace, count(*) AS n FROM databricks_workspace.ml.model_registry_webhooks
                 WHERE workspace IN (SELECT profile FROM hookql.config.profiles WHERE account_id IS NULL) GROUP BY workspace ORDER BY workspace`;
    const run = await hookql(['exec', '-o', 'json', sql], { env });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual([{ workspace: 'dev', n: 2 }, { workspace: 'prod', n: 3 }]);
  });

  it('with 2 of the 12 down and --partial, the 10 others are counted and the 2 are named', async () => {
    const down = [fleet.urls[0], fleet.urls[11]];
    await Promise.all([fleet.workspaces[0].close(), fleet.workspaces[11].close()]);
    const run = await hookql(['exec', '--partial', '-o', 'json', DISCOVERY], { env: fleetEnv(account.url) });
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout) as { rows: { workspace: string }[]; failures: { workspace: string; code: string }[]; complete: boolean };
    expect(doc.complete).toBe(false);
    expect(doc.rows.map((r) => r.workspace).sort()).toEqual(fleet.urls.filter((u) => !down.includes(u)).sort());
    expect(doc.failures.map((f) => f.workspace).sort()).toEqual([...down].sort());
    expect(run.stderr.trim().split('\n')).toHaveLength(2);
  });
});
