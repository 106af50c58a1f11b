// psql, the PostgreSQL project's own client, against hookql serve: a SELECT, \d, \x, an error, a
// refused write, a wrong password and Ctrl-C (SIGINT makes psql send a CancelRequest).

import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binary, PASSWORD, RESOURCE, runProcess, startFixture, USER, type ServeFixture } from './helpers.js';

const psqlPath = binary('psql');

function psql(fixture: ServeFixture, args: readonly string[], password = PASSWORD) {
  return runProcess(psqlPath as string, ['-X', '-w', `${fixture.server.url}?user=${USER}`, ...args], { PGPASSWORD: password, PGCONNECT_TIMEOUT: '10' });
}

describe.skipIf(psqlPath === null)('psql against hookql serve', () => {
  let fixture: ServeFixture;
  beforeAll(async () => {
    fixture = await startFixture({ models: ['churn', 'fraud'] });
  });
  afterAll(() => fixture.close());

  it('runs a SELECT over the API and prints the rows', async () => {
    const r = await psql(fixture, ['-c', `SELECT model_name, status, events FROM ${RESOURCE} WHERE workspace = '${fixture.workspace}' ORDER BY model_name`]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(' churn      | ACTIVE | ["MODEL_VERSION_CREATED"]');
    expect(r.stdout).toContain(' fraud      | ACTIVE | ["MODEL_VERSION_CREATED"]');
    expect(r.stdout).toContain('(2 rows)');
    expect(r.status).toBe(0);
  });

  it('never shows a webhook secret', async () => {
    const r = await psql(fixture, ['-c', `SELECT http_url_spec FROM ${RESOURCE} WHERE workspace = '${fixture.workspace}'`]);
    expect(r.stdout).toContain('https://hooks.example.com/churn');
    expect(r.stdout).not.toContain('hunter2');
  });

  it('lists the resources with \\d and describes one, typed from its definition', async () => {
    const list = await psql(fixture, ['-c', '\\d']);
    expect(list.stdout).toMatch(/ ml\s+\| model_registry_webhooks\s+\| view/);
    const one = await psql(fixture, ['-c', '\\d model_registry_webhooks']);
    expect(one.stdout).toContain('View "ml.model_registry_webhooks"');
    expect(one.stdout).toMatch(/ creation_timestamp\s+\| bigint/);
    expect(one.stdout).toMatch(/ events\s+\| json/);
    expect(one.stdout).toMatch(/ workspace\s+\| text/);
    expect(one.status).toBe(0);
  });

  it('shows descriptions from the definition with \\d+, the database with \\l, and names count(*) as PostgreSQL does', async () => {
    const r = await psql(fixture, ['-c', '\\d+ model_registry_webhooks', '-c', '\\l', '-c', `SELECT count(*) FROM ${RESOURCE} WHERE workspace = '${fixture.workspace}'`]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/ id\s+\| text\s+\|.*\| Webhook ID/);
    expect(r.stdout).toMatch(/ hookql \| alice \| UTF8/);
    expect(r.stdout).toMatch(/ count \n-+\n +2\n/);
  });

  it('prints records vertically after \\x', async () => {
    const r = await psql(fixture, ['-c', '\\x', '-c', `SELECT model_name, status FROM ${RESOURCE} WHERE workspace = '${fixture.workspace}' AND model_name = 'churn'`]);
    expect(r.stdout).toContain('-[ RECORD 1 ]----');
    expect(r.stdout).toMatch(/model_name \| churn/);
  });

  it('answers version() and SELECT count(*) with a number', async () => {
    const r = await psql(fixture, ['-At', '-c', 'SELECT version()', '-c', `SELECT count(*) FROM ${RESOURCE} WHERE workspace = '${fixture.workspace}'`]);
    expect(r.stdout).toMatch(/^PostgreSQL 15\.0 \(hookql [\d.]+\)\n2\n$/);
  });

  it("shows hookql's error with its hint and a SQLSTATE, and exits 1", async () => {
    const r = await psql(fixture, ['-v', 'VERBOSITY=verbose', '-c', `SELECT model_nme FROM ${RESOURCE} WHERE workspace = '${fixture.workspace}'`]);
    expect(r.stderr).toContain("ERROR:  42703: unknown column 'model_nme'");
    expect(r.stderr).toContain("HINT:  did you mean 'model_name'?");
    expect(r.stdout).toBe('');
    expect(r.status).toBe(1);
  });

  it('refuses a write in read-only mode, changing nothing', async () => {
    const count = async () => (await psql(fixture, ['-At', '-c', `SELECT count(*) FROM ${RESOURCE} WHERE workspace = '${fixture.workspace}'`])).stdout;
    const insert = `INSERT INTO ${RESOURCE} (workspace, model_name, events, http_url_spec) SELECT '${fixture.workspace}', 'm', '["MODEL_VERSION_CREATED"]', '{"url": "https://e.example.com/x"}'`;
    const r = await psql(fixture, ['-c', insert]);
    expect(r.stderr).toContain('ERROR:  this session is read-only: create on databricks_workspace.ml.model_registry_webhooks was refused, nothing was sent');
    expect(r.stderr).toContain('HINT:  hookql serve is read-only unless started with --allow-writes');
    expect(r.status).toBe(1);
    expect(await count()).toBe('2\n');
  });

  it('refuses a wrong password', async () => {
    const r = await psql(fixture, ['-c', 'SELECT 1'], 'not-the-password');
    expect(r.stderr).toContain(`password authentication failed for user "${USER}"`);
    expect(r.status).toBe(2);
  });
});

describe.skipIf(psqlPath === null)('Ctrl-C in psql', () => {
  let fixture: ServeFixture;
  // Every API call takes 8 s, so the statement is surely in flight when psql is interrupted.
  beforeAll(async () => {
    fixture = await startFixture({ faults: 'latency=8000' });
  });
  afterAll(() => fixture.close());

  it('cancels the statement in flight: psql reports the cancel, not rows', async () => {
    const child = spawn(psqlPath as string, ['-X', '-w', `${fixture.server.url}?user=${USER}`, '-c', `SELECT count(*) FROM ${RESOURCE} WHERE workspace = '${fixture.workspace}'`], {
      env: { PATH: process.env.PATH ?? '', PGPASSWORD: PASSWORD },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    // Interrupt once psql has connected and sent its query (even on a loaded machine).
    while (fixture.log.length === 0) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 1000));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(stderr).toContain('Cancel request sent');
    expect(stderr).toContain('ERROR:  cancelled');
    expect(stdout).toBe('');
    expect(code).toBe(1);
  });
});
