// `hookql export` end to end: live hooks (http and job, model and registry-wide, with secrets) in two
// workspaces → a manifest that plans to no changes, in both formats, with nothing secret in it.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { hookql } from '../helpers/run-cli.js';
import { create, env as baseEnv, reset } from '../engine/write-support.js';

let a: RunningEmulator;
let b: RunningEmulator;
beforeAll(async () => {
  a = await startEmulator({ port: 0, token: 'dev-token' });
  b = await startEmulator({ port: 0, token: 'dev-token' });
});
afterAll(async () => {
  await a.close();
  await b.close();
});
beforeEach(async () => {
  await reset(a);
  await reset(b);
});

const SECRET = 'hmac-s3cret-never-exported';
const TOKEN = 'dapi-job-token-never-exported';

async function seed(): Promise<void> {
  await create(a, { model_name: 'churn', events: ['MODEL_VERSION_TRANSITIONED_TO_PRODUCTION'], description: 'prod: to Slack', http_url_spec: { url: 'https://hooks.example.com/churn/prod', secret: SECRET } });
  await create(a, { model_name: 'churn', events: ['MODEL_VERSION_CREATED', 'COMMENT_CREATED'], status: 'TEST_MODE', job_spec: { job_id: '1001', access_token: TOKEN } });
  await create(a, { events: ['REGISTERED_MODEL_CREATED'], http_url_spec: { url: 'https://audit.example.com/new', enable_ssl_verification: false, authorization: `Bearer ${SECRET}` } });
  await create(b, { model_name: 'fraud', events: ['MODEL_VERSION_CREATED'], job_spec: { job_id: '77', access_token: TOKEN, workspace_url: 'https://other.example.com' } });
}

describe('hookql export', () => {
  it('exports two workspaces to a manifest that plans to no changes, write-only values as placeholders', async () => {
    await seed();
    const env = baseEnv();
    const file = join(env.HOOKQL_HOME, 'hooks.yaml');
    const run = await hookql(['export', '--workspace', a.url, '--workspace', b.url, '-o', file], { env });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`Exported 4 webhooks from ${a.url}, ${b.url} to ${file}.\n`);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(TOKEN);
    const names = [...text.matchAll(/^ {2}- name: (.+)$/gm)].map((m) => m[1]);
    const pa = a.url.replace(/^http:\/\//, '').replace(/[^a-z0-9]+/g, '-');
    const pb = b.url.replace(/^http:\/\//, '').replace(/[^a-z0-9]+/g, '-');
    expect(names).toEqual([`${pa}-churn-hooks-example-com-prod`, `${pa}-churn-job-id-1001`, `${pa}-any-model-name-audit-example-com-new`, `${pb}-fraud-job-id-77-other-example-com`]);
    expect(text).toContain(`vars:\n  workspace_${pa.replace(/-/g, '_')}: ${a.url}\n  workspace_${pb.replace(/-/g, '_')}: ${b.url}\n`);
    // Required write-only values are placeholders; optional ones commented out.
    expect(text).toContain(`access_token: "{{ env.${pa.toUpperCase().replace(/-/g, '_')}_CHURN_JOB_ID_1001_ACCESS_TOKEN }}"`);
    expect(text).toMatch(/^ {10}# secret: "\{\{ env\.\w+_SECRET \}\}"$/m);

    const tokens = Object.fromEntries([...text.matchAll(/^\s+access_token: "\{\{ env\.(\w+) \}\}"/gm)].map((m) => [m[1], TOKEN]));
    expect(Object.keys(tokens)).toHaveLength(2);
    const plan = await hookql(['plan', file, '--detailed-exitcode', '--verbose'], { env: { ...env, ...tokens } });
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('No changes: 4 webhooks unchanged.');
    expect(plan.stdout).toContain('job_spec.access_token: *** (write-only: cannot be compared)');
  });

  it('is stable: the same live state exports the same text', async () => {
    await seed();
    const first = await hookql(['export', '--workspace', a.url], { env: baseEnv() });
    const second = await hookql(['export', '--workspace', a.url], { env: baseEnv() });
    expect(first.stdout).toBe(second.stdout);
    expect(first.stdout).toContain(`vars:\n  workspace: ${a.url}\n`);
  });

  it('--model keeps only that model; --format stackql writes the props list that plans to no changes with --var', async () => {
    await seed();
    const env = baseEnv();
    const file = join(env.HOOKQL_HOME, 'stackql.yaml');
    const run = await hookql(['export', '--workspace', a.url, '--model', 'churn', '--format', 'stackql', '-o', file], { env });
    expect(run.code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(`# StackQL's manifest format takes its vars on the command line: --var workspace=${a.url}`);
    expect(text).toMatch(/^- name: churn-hooks-example-com-prod\n {2}props:\n {4}- name: workspace\n {6}value: "\{\{ workspace \}\}"\n/m);
    expect(text).toContain('    - name: events\n      value:\n        - MODEL_VERSION_CREATED\n        - COMMENT_CREATED\n');
    expect(text).not.toContain('audit.example.com');
    const plan = await hookql(['plan', file, '--var', `workspace=${a.url}`], { env: { ...env, CHURN_JOB_ID_1001_ACCESS_TOKEN: TOKEN } });
    expect(plan.stderr).toBe('');
    expect(plan.stdout).toContain('No changes: 2 webhooks unchanged.');
  });

  it('warns when two live hooks share a key (the manifest cannot tell them apart)', async () => {
    await create(a, { model_name: 'm', http_url_spec: { url: 'https://dup.example.com/x' } });
    await create(a, { model_name: 'm', http_url_spec: { url: 'https://dup.example.com/x' } });
    const run = await hookql(['export', '--workspace', a.url], { env: baseEnv() });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('  - name: m-dup-example-com-x\n');
    expect(run.stdout).toContain('  - name: m-dup-example-com-x-2\n');
    expect(run.stderr).toMatch(/^warning: 2 live webhooks in http:\/\/127\.0\.0\.1:\d+ have the same key \(model_name=m, http_url_spec\.url=https:\/\/dup\.example\.com\/x\): \w+, \w+ — plan reports a conflict/m);
  });

  it('an API failure is an error (exit 1), never an empty manifest', async () => {
    const run = await hookql(['export', '--workspace', a.url], { env: { ...baseEnv(), DATABRICKS_TOKEN: 'wrong' } });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
  });
});
