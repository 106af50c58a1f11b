// A changed match key end to end: the plan names the hook the entry used to match; with --prune the
// new hook is created before the old one is deleted, and a failed create keeps the old one.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine, type EngineOptions } from '../../src/engine.js';
import { ApiError } from '../../src/errors.js';
import { hookql } from '../helpers/run-cli.js';
import { applyWorld, SECRETS, type ApplyWorld } from './support.js';

let w: ApplyWorld;
beforeEach(async () => {
  w = await applyWorld();
});
afterEach(async () => {
  await w.close();
});

const jobManifest = (workspace: string, jobId: string) => `version: 1
vars: { workspace: ${workspace} }
webhooks:
  - name: churn-validate
    props:
      - { name: workspace, value: "{{ workspace }}" }
      - { name: model_name, value: churn }
      - { name: events, value: [MODEL_VERSION_CREATED] }
      - { name: job_spec, value: { job_id: "${jobId}", access_token: "{{ env.JOB_TOKEN }}" } }
`;

describe('replacements', () => {
  it('a new job id is a create that names the old hook; --prune replaces it, create first', async () => {
    const file = w.write('m.yaml', jobManifest(w.emu.url, '1001'));
    expect((await w.cli(['apply', file])).code).toBe(0);
    const [old] = await w.live();
    w.write('m.yaml', jobManifest(w.emu.url, '1002'));

    const plan = await w.cli(['plan', file]);
    expect(plan.stdout).toContain(`! warning: live webhook ${String(old.id)} (model_name=churn, job_spec.job_id=1001) looks like the one this entry matched before its key changed`);
    expect(plan.stdout).toContain(`or: DELETE FROM databricks_workspace.ml.model_registry_webhooks WHERE workspace = '${w.emu.url}' AND id = '${String(old.id)}';`);

    const pruned = await w.cli(['plan', file, '--prune', '-o', 'json']);
    const doc = JSON.parse(pruned.stdout);
    expect(doc.changes.map((c: { kind: string }) => c.kind)).toEqual(['create', 'delete']);
    expect(doc.changes[0].replaces).toMatchObject({ id: old.id, pruned: true });
    expect(doc.changes[1]).toMatchObject({ id: old.id, replacedBy: 'churn-validate' });
    expect(pruned.stdout).not.toContain(SECRETS.JOB_TOKEN);

    const before = (await w.requests()).length;
    const apply = await w.cli(['apply', file, '--prune', '-y']);
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain(`  -/+ replace   churn-validate  (${w.emu.url}, replaces id ${String(old.id)}: created first, then the old one deleted)`);
    expect(apply.stdout).toContain('Apply complete: 1 created, 0 updated, 1 deleted, 0 unchanged, 0 failed.');
    const writes = (await w.requests()).slice(before).filter((r) => r.method !== 'GET').map((r) => r.path.split('/').pop());
    expect(writes).toEqual(['create', 'delete']);
    expect((await w.live()).map((r) => (r.job_spec as { job_id: string }).job_id)).toEqual(['1002']);
  });

  it('when the replacing create fails, the old hook is kept and counted as not started', async () => {
    const file = w.write('m.yaml', jobManifest(w.emu.url, '1001'));
    await w.cli(['apply', file]);
    w.write('m.yaml', jobManifest(w.emu.url, '1002'));
    // The API refuses the create (any create: only the statements apply sends are intercepted).
    const refusingCreates = (options: EngineOptions): Engine => {
      const engine = createEngine(options);
      const refuse = new ApiError({ status: 500, errorCode: 'INTERNAL_ERROR', apiMessage: 'create refused', httpMethod: 'POST', path: '/api/2.0/mlflow/registry-webhooks/create', workspace: w.emu.url });
      // Creates go through engine.prepare (one parse per template), other statements through run.
      const refusing = { run: () => Promise.reject(refuse), plan: () => [] };
      return {
        ...engine,
        run: (sql, run) => (sql.startsWith('INSERT') ? Promise.reject(refuse) : engine.run(sql, run)),
        prepare: (sql) => (sql.startsWith('INSERT') ? refusing : engine.prepare(sql)),
      };
    };
    const apply = await hookql(['apply', file, '--prune', '-y'], { env: w.env, createEngine: refusingCreates });
    expect(apply.code).toBe(1);
    expect(apply.stdout).toContain('  ✗ churn-validate');
    expect(apply.stdout).toContain('  - 1 not started: the entry replacing it was not created');
    expect((await w.live()).map((r) => (r.job_spec as { job_id: string }).job_id)).toEqual(['1001']);
  });
});
