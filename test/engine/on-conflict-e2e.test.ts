// INSERT … ON CONFLICT end to end: the CI deploy run twice makes one hook; DO UPDATE sends one PATCH
// with only what differs; RETURNING gives the existing or updated row; the conflict target is the
// natural key from the resource's YAML.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { hookql } from '../helpers/run-cli.js';
import { create, env, explainJson, live, RES, reset, seen } from './write-support.js';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, token: 'dev-token' });
});
afterAll(async () => emu.close());
beforeEach(async () => reset(emu));

const deploy = (ws: string, description: string, conflict: string) =>
  `INSERT INTO ${RES} (workspace, model_name, events, description, http_url_spec)
   SELECT '${ws}', 'churn', '["MODEL_VERSION_TRANSITIONED_TO_PRODUCTION"]', '${description}', '{"url": "https://ci.example.com/deploy", "secret": "{{ secret }}"}'
   ${conflict}
   RETURNING id, description`;
const secret = ['--var', 'secret=s3cr3t-value'];

describe('INSERT … ON CONFLICT', () => {
  it('the same CI INSERT run twice makes one hook and returns it both times', async () => {
    const first = await hookql(['exec', deploy(emu.url, 'prod deploys', 'ON CONFLICT DO NOTHING'), '-o', 'json', ...secret], { env: env() });
    const second = await hookql(['exec', deploy(emu.url, 'prod deploys', 'ON CONFLICT DO NOTHING'), '-o', 'json', ...secret], { env: env() });
    expect([first.code, second.code]).toEqual([0, 0]);
    const hooks = await live(emu);
    expect(hooks).toHaveLength(1);
    expect(JSON.parse(first.stdout)).toEqual([{ id: hooks[0].id, description: 'prod deploys' }]);
    expect(JSON.parse(second.stdout)).toEqual(JSON.parse(first.stdout));
    expect(first.stderr).toBe(`1 webhook created\n  created   ${hooks[0].id} (${emu.url})\n`);
    expect(second.stderr).toBe(`1 webhook skipped\n  skipped   ${hooks[0].id} (${emu.url}): a webhook with this natural key exists (ON CONFLICT DO NOTHING)\n`);
    expect(first.stderr + second.stderr).not.toContain('s3cr3t');
  });

  it('a registry-wide hook and a model hook with the same URL are different keys', async () => {
    await create(emu, { http_url_spec: { url: 'https://ci.example.com/deploy' } }); // registry-wide
    const run = await hookql(['exec', deploy(emu.url, 'x', 'ON CONFLICT DO NOTHING'), ...secret], { env: env() });
    expect(run.stderr).toContain('1 webhook created');
    expect(await live(emu)).toHaveLength(2);
  });

  it('DO UPDATE sends one PATCH with only the fields that differ', async () => {
    const existing = await create(emu, { model_name: 'churn', events: ['MODEL_VERSION_TRANSITIONED_TO_PRODUCTION'], description: 'old', status: 'ACTIVE', http_url_spec: { url: 'https://ci.example.com/deploy', secret: 'old-secret' } });
    const sql = `INSERT INTO ${RES} (workspace, model_name, events, description, status, http_url_spec)
      VALUES ('${emu.url}', 'churn', '["MODEL_VERSION_TRANSITIONED_TO_PRODUCTION"]', 'new', 'ACTIVE', '{"url": "https://ci.example.com/deploy", "secret": "{{ secret }}"}')
      ON CONFLICT (workspace, model_name, http_url_spec, job_spec) DO UPDATE SET description = EXCLUDED.description, status = EXCLUDED.status, events = EXCLUDED.events, http_url_spec = EXCLUDED.http_url_spec
      RETURNING id, description, status`;
    const before = (await seen(emu)).length;
    const run = await hookql(['exec', sql, '-o', 'json', ...secret], { env: env() });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([{ id: existing.id, description: 'new', status: 'ACTIVE' }]);
    expect(run.stderr).toBe(`1 webhook updated\n  updated   ${existing.id} (${emu.url}): description\n`);
    const requests = (await seen(emu)).slice(before);
    const patches = requests.filter((r) => r.method === 'PATCH') as unknown as { body: Record<string, unknown> }[];
    expect(patches).toHaveLength(1);
    expect(patches[0].body).toEqual({ id: existing.id, description: 'new' });
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);
    // Run again: nothing differs, nothing is sent but the listing.
    const again = await hookql(['exec', sql, ...secret], { env: env() });
    expect(again.stderr).toContain(`1 webhook unchanged\n  unchanged ${existing.id}`);
    expect((await seen(emu)).filter((r) => r.method === 'PATCH')).toHaveLength(1);
  });

  it('several rows: creates what is missing, updates what differs, in one statement', async () => {
    const a = await create(emu, { model_name: 'm1', http_url_spec: { url: 'https://x.example.com/1' }, description: 'same' });
    const sql = `INSERT INTO ${RES} (workspace, model_name, events, description, http_url_spec) VALUES
      ('${emu.url}', 'm1', '["MODEL_VERSION_CREATED"]', 'same', '{"url": "https://x.example.com/1"}'),
      ('${emu.url}', 'm2', '["MODEL_VERSION_CREATED"]', 'fresh', '{"url": "https://x.example.com/2"}')
      ON CONFLICT DO UPDATE SET description = EXCLUDED.description RETURNING id, model_name, description`;
    const run = await hookql(['exec', sql, '-o', 'json'], { env: env() });
    expect(run.code).toBe(0);
    const rows = JSON.parse(run.stdout) as { id: string; model_name: string }[];
    expect(rows.map((r) => r.model_name)).toEqual(['m1', 'm2']);
    expect(rows[0].id).toBe(a.id);
    expect(run.stderr.split('\n')[0]).toBe('1 webhook unchanged, 1 created');
    expect(await live(emu)).toHaveLength(2);
  });

  it('an explicit conflict target other than the natural key is refused before anything is sent', async () => {
    const run = await hookql(['exec', deploy(emu.url, 'x', 'ON CONFLICT (workspace, model_name) DO NOTHING'), ...secret], { env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error [CONFLICT_TARGET]: ON CONFLICT (workspace, model_name) is not the natural key of databricks_workspace.ml.model_registry_webhooks');
    expect(run.stderr).toContain('rows conflict by (workspace, model_name, http_url_spec.url, job_spec.job_id, job_spec.workspace_url)');
    expect(await seen(emu)).toEqual([]);
  });

  it('two live hooks with the key stop the statement: nothing is written, both ids named', async () => {
    const one = await create(emu, { model_name: 'churn', http_url_spec: { url: 'https://ci.example.com/deploy' } });
    const two = await create(emu, { model_name: 'churn', http_url_spec: { url: 'https://ci.example.com/deploy' } });
    const before = (await seen(emu)).length;
    const run = await hookql(['exec', deploy(emu.url, 'x', 'ON CONFLICT DO UPDATE SET description = EXCLUDED.description'), ...secret], { env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`error [AMBIGUOUS_MATCH]: 2 live webhooks in ${emu.url} have this row's natural key`);
    expect(run.stderr).toContain(one.id);
    expect(run.stderr).toContain(two.id);
    expect((await seen(emu)).slice(before).filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('EXPLAIN shows the listing and the conflict action, secrets masked', async () => {
    const { plan, stdout } = await explainJson(deploy('prod', 'x', 'ON CONFLICT DO NOTHING'), secret);
    expect(stdout).not.toContain('s3cr3t');
    expect(plan.conflict).toMatchObject({ action: 'nothing', key: ['model_name', 'http_url_spec.url', 'job_spec.job_id', 'job_spec.workspace_url'] });
    expect(plan.conflict.lists.map((r: { workspace: string; path: string }) => `${r.workspace} ${r.path}`)).toEqual(['prod /api/2.0/mlflow/registry-webhooks/list']);
  });
});

