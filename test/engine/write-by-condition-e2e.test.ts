// UPDATE / DELETE by any condition, end to end through the emulator: the rows are listed, filtered
// locally, and only the matching ones are written — also when the emulator injects faults.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { hookql } from '../helpers/run-cli.js';
import { create, env, explainJson, live, RES, reset, seen, setFaults, type Hook } from './write-support.js';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, token: 'dev-token' });
});
afterAll(async () => emu.close());
beforeEach(async () => reset(emu));

/** Twelve hooks: three models, every third DISABLED, one job hook. */
async function fleet(): Promise<Hook[]> {
  const hooks: Hook[] = [];
  for (let i = 0; i < 12; i++) {
    hooks.push(
      await create(emu, {
        model_name: `model-${i % 3}`,
        status: i % 3 === 0 ? 'DISABLED' : 'ACTIVE',
        ...(i === 11 ? { job_spec: { job_id: '42', access_token: 'dapi-x' } } : { http_url_spec: { url: `https://hooks.example.com/${i}` } }),
      }),
    );
  }
  return hooks;
}

const ids = (hooks: readonly Hook[]) => hooks.map((h) => h.id).sort();

describe('DELETE and UPDATE by condition', () => {
  it('DELETE … WHERE status = … removes exactly the matching hooks, naming each', async () => {
    const hooks = await fleet();
    const disabled = hooks.filter((h) => h.status === 'DISABLED');
    const run = await hookql(['exec', `DELETE FROM ${RES} WHERE workspace = '${emu.url}' AND status = 'DISABLED'`], { env: env() });
    expect(run.code).toBe(0);
    expect(run.stderr.split('\n')[0]).toBe('4 webhooks deleted:');
    for (const h of disabled) expect(run.stderr).toContain(`  deleted ${h.id} (${emu.url})`);
    expect(ids(await live(emu))).toEqual(ids(hooks.filter((h) => h.status !== 'DISABLED')));
    const requests = await seen(emu);
    expect(requests.filter((r) => r.method === 'DELETE')).toHaveLength(4);
  });

  it('UPDATE … WHERE model_name = … changes only that model’s hooks, one PATCH each', async () => {
    const hooks = await fleet();
    const run = await hookql(['exec', `UPDATE ${RES} SET description = 'owned by team b' WHERE workspace = '${emu.url}' AND model_name = 'model-1'`], { env: env() });
    expect(run.code).toBe(0);
    const after = await live(emu);
    expect(ids(after.filter((h) => h.description === 'owned by team b'))).toEqual(ids(hooks.filter((h) => h.model_name === 'model-1')));
    expect((await seen(emu)).filter((r) => r.method === 'PATCH')).toHaveLength(4);
  });

  it('takes JSON functions and id IN (SELECT …) over the resource', async () => {
    const hooks = await fleet();
    const jobOnly = await hookql(['exec', `DELETE FROM ${RES} WHERE workspace = '${emu.url}' AND json_extract(job_spec, '$.job_id') = '42'`], { env: env() });
    expect(jobOnly.code).toBe(0);
    expect(ids(await live(emu))).toEqual(ids(hooks.filter((h) => h.job_spec === undefined)));
    const sub = `SELECT id FROM ${RES} WHERE workspace = '${emu.url}' AND json_extract(http_url_spec, '$.url') IN ('https://hooks.example.com/1', 'https://hooks.example.com/2')`;
    const run = await hookql(['exec', `UPDATE ${RES} SET status = 'TEST_MODE' WHERE workspace = '${emu.url}' AND id IN (${sub}) RETURNING id, status`, '-o', 'json'], { env: env() });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).map((r: Hook) => r.status)).toEqual(['TEST_MODE', 'TEST_MODE']);
    expect((await live(emu)).filter((h) => h.status === 'TEST_MODE')).toHaveLength(2);
  });

  it('a WHERE naming only the workspace is refused, nothing sent; AND id IS NOT NULL means all', async () => {
    await fleet();
    const before = (await seen(emu)).length;
    const refused = await hookql(['exec', `DELETE FROM ${RES} WHERE workspace = '${emu.url}'`], { env: env() });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('error [UNBOUNDED_WRITE]: DELETE whose WHERE names only the workspace would delete every webhook in it');
    expect(refused.stderr).toContain('to mean every one, say so: AND id IS NOT NULL');
    const constant = await hookql(['exec', `UPDATE ${RES} SET status = 'ACTIVE' WHERE workspace = '${emu.url}' AND 1 = 1`], { env: env() });
    expect(constant.stderr).toContain('UNBOUNDED_WRITE');
    expect((await seen(emu)).length).toBe(before);
    const all = await hookql(['exec', `DELETE FROM ${RES} WHERE workspace = '${emu.url}' AND id IS NOT NULL`], { env: env() });
    expect(all.code).toBe(0);
    expect(await live(emu)).toEqual([]);
  });

  it('no row matching is said, not silent', async () => {
    await fleet();
    const run = await hookql(['exec', `DELETE FROM ${RES} WHERE workspace = '${emu.url}' AND model_name = 'nope'`], { env: env() });
    expect(run).toMatchObject({ code: 0, stderr: '0 webhooks deleted (no webhook matched the WHERE)\n' });
  });

  it('EXPLAIN shows the listing and the write each row becomes', async () => {
    const { plan } = await explainJson(`DELETE FROM ${RES} WHERE workspace = 'prod' AND status = 'DISABLED'`);
    expect(plan.source.query.scans[0].requests.map((r: { httpMethod: string; path: string }) => `${r.httpMethod} ${r.path}`)).toEqual(['GET /api/2.0/mlflow/registry-webhooks/list']);
    expect(plan.source.perRow).toEqual({ method: 'delete', httpMethod: 'DELETE', path: '/api/2.0/mlflow/registry-webhooks/delete', fromRow: ['workspace', 'id'], constants: {} });
  });

  it('under injected faults a conditional DELETE still removes exactly the matching hooks', async () => {
    for (let round = 0; round < 3; round++) {
      await reset(emu);
      const hooks = await fleet();
      await setFaults(emu, `500=0.2,503=0.1,drop-after=0.1,seed=${round + 7}`);
      const run = await hookql(['exec', `DELETE FROM ${RES} WHERE workspace = '${emu.url}' AND model_name IN ('model-0', 'model-2')`], { env: env() });
      await setFaults(emu, 'none');
      const left = await live(emu);
      const kept = hooks.filter((h) => h.model_name === 'model-1');
      // Whatever the faults did, no hook outside the condition is gone …
      for (const h of kept) expect(left.map((l) => l.id)).toContain(h.id);
      // … and a successful run removed every matching one (a failed one says which failed, exit 1).
      if (run.code === 0) expect(ids(left)).toEqual(ids(kept));
      else expect(run.stderr).toMatch(/PARTIAL_FAILURE|API_50|NETWORK/);
      // Every DELETE sent (retries included) named a matching hook.
      const matching = new Set(hooks.filter((h) => h.model_name !== 'model-1').map((h) => h.id));
      const deleted = (await seen(emu)).filter((r) => r.method === 'DELETE').map((r) => new URLSearchParams(r.query).get('id'));
      if (run.code === 0) expect(deleted.length).toBeGreaterThanOrEqual(8);
      for (const id of deleted) expect(matching.has(String(id))).toBe(true);
    }
  });
});
