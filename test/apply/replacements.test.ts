// Replacements, on plain data: an entry whose match key changed (new job id, new URL) is a create,
// and the live row it used to match is named — deleted with it under --prune, warned about without.

import { describe, expect, it } from 'vitest';
import { computePlan, loadManifest, redactedPlan, renderPlan, type ApplyPlan, type LiveRow, type PlanOptions } from '../../src/apply/index.js';
import { loadRegistry } from '../../src/definition/index.js';

const registry = loadRegistry();
const env = { T: 'job-token-1' };
const OFF: PlanOptions = { prune: 'off', rotateSecrets: false };
const PRUNE: PlanOptions = { prune: 'workspaces', rotateSecrets: false };

const jobHook = (name: string, model: string, jobId: string, events = 'MODEL_VERSION_CREATED') =>
  `  - name: ${name}\n    props:\n      - { name: workspace, value: ws1 }\n      - { name: model_name, value: ${model} }\n      - { name: events, value: [${events}] }\n      - { name: job_spec, value: { job_id: "${jobId}", access_token: "{{ env.T }}" } }\n`;
const row = (id: string, model: string, jobId: string, events = ['MODEL_VERSION_CREATED']): LiveRow => ({
  id,
  workspace: 'ws1',
  values: { id, model_name: model, events, status: 'ACTIVE', job_spec: { job_id: jobId } },
});

function plan(entries: string[], rows: LiveRow[], options: PlanOptions): ApplyPlan {
  const { def, manifest } = loadManifest(`webhooks:\n${entries.join('')}`, 'm.yaml', registry, { env });
  return computePlan(def, manifest, new Map([['ws1', rows]]), options);
}
const def = [...registry.resources.values()][0];

describe('replacements', () => {
  it('when a job id changes without --prune then the create warns, naming the old row and how to remove it', () => {
    const p = plan([jobHook('validate', 'churn', '1002')], [row('old1', 'churn', '1001')], OFF);
    expect(p.changes).toHaveLength(1);
    expect(p.changes[0]).toMatchObject({ kind: 'create', replaces: { id: 'old1', pruned: false, keyDiffs: [{ kind: 'changed', path: 'job_spec.job_id', from: '1001', to: '1002' }] } });
    const text = renderPlan(redactedPlan(def, p, []));
    expect(text).toContain('! warning: live webhook old1 (model_name=churn, job_spec.job_id=1001) looks like the one this entry matched before its key changed');
    expect(text).toContain("or: DELETE FROM databricks_workspace.ml.model_registry_webhooks WHERE workspace = 'ws1' AND id = 'old1';");
    expect(text).toContain('Plan: 1 to create, 0 to update, 0 to delete, 0 unchanged.');
  });

  it('when a job id changes with --prune then create and delete read as one -/+ replace', () => {
    const p = plan([jobHook('validate', 'churn', '1002')], [row('old1', 'churn', '1001')], PRUNE);
    expect(p.changes.map((c) => c.kind)).toEqual(['create', 'delete']);
    expect(p.changes[1]).toMatchObject({ kind: 'delete', id: 'old1', replacedBy: 'validate' });
    const text = renderPlan(redactedPlan(def, p, []));
    expect(text).toContain('  -/+ replace   validate  (ws1, replaces id old1: created first, then the old one deleted)\n      job_spec.job_id: 1001 → 1002  (match key: needs a new webhook)\n');
    expect(text).not.toContain('- delete');
    expect(text).toContain('Plan: 1 to create, 0 to update, 1 to delete, 0 unchanged; 1 of the creates replaces a live webhook (-/+).');
  });

  it('a live row of another model, or with other events, is not taken for the old one', () => {
    expect(plan([jobHook('v', 'churn', '1002')], [row('x', 'fraud', '1001')], OFF).changes[0]).not.toHaveProperty('replaces');
    expect(plan([jobHook('v', 'churn', '1002')], [row('x', 'churn', '1001', ['COMMENT_CREATED'])], OFF).changes[0]).not.toHaveProperty('replaces');
  });

  it('two candidates, or two entries for one row, pair nothing (never a guess)', () => {
    const two = plan([jobHook('v', 'churn', '1003')], [row('a', 'churn', '1001'), row('b', 'churn', '1002')], OFF);
    expect(two.changes[0]).not.toHaveProperty('replaces');
    const rivals = plan([jobHook('v', 'churn', '1003'), jobHook('w', 'churn', '1004')], [row('a', 'churn', '1001')], PRUNE);
    expect(rivals.changes.filter((c) => c.kind === 'create' && c.replaces !== undefined)).toEqual([]);
    expect(rivals.changes.filter((c) => c.kind === 'delete')).toMatchObject([{ id: 'a' }]);
  });
});
