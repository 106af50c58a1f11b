// The plan as people read it, and as scripts read it (-o json): secrets never appear.

import { describe, expect, it } from 'vitest';
import { displayedPlan, planDocument, redactedPlan, renderPlan, type ApplyPlan } from '../../src/apply/index.js';
import { findResource, loadRegistry } from '../../src/definition/index.js';

const def = findResource(loadRegistry(), 'databricks_workspace.ml.model_registry_webhooks');
const plan: ApplyPlan = {
  kind: 'apply-plan',
  file: 'm.yaml',
  resource: def.id,
  noun: def.noun,
  workspaces: ['local'],
  prune: 'workspaces',
  rotateSecrets: false,
  changes: [
    { kind: 'create', entry: 'new', at: 'm.yaml:4:5', workspace: 'local', values: { events: ['COMMENT_CREATED', 'MODEL_VERSION_CREATED'], http_url_spec: { url: 'https://x/new', secret: 'TOPSECRET' } } },
    {
      kind: 'update', entry: 'edited', at: 'm.yaml:9:5', workspace: 'local', id: 'id2', set: { status: 'ACTIVE' },
      diffs: [
        { kind: 'changed', path: 'status', from: 'TEST_MODE', to: 'ACTIVE' },
        { kind: 'set', path: 'events', added: ['COMMENT_CREATED'], removed: ['MODEL_VERSION_CREATED'] },
        { kind: 'write-only', path: 'http_url_spec.secret', resend: false },
      ],
    },
    { kind: 'unchanged', entry: 'same', at: 'm.yaml:14:5', workspace: 'local', id: 'id3', diffs: [] },
    { kind: 'delete', workspace: 'local', id: 'id4', label: 'model_name=old, http_url_spec.url=https://x/old', values: {} },
  ],
};

describe('renderPlan', () => {
  it('when rendered then each change reads as one block with a field-level diff', () => {
    expect(renderPlan(redactedPlan(def, plan, ['TOPSECRET']), { verbose: true })).toBe(`Plan for m.yaml: databricks_workspace.ml.model_registry_webhooks in workspace local (prune: whole workspaces)

  + create    new  (local)
      events: COMMENT_CREATED, MODEL_VERSION_CREATED
      http_url_spec.url: https://x/new
      http_url_spec.secret: ***
  ~ update    edited  (local, id id2)
      status: TEST_MODE → ACTIVE
      events: +COMMENT_CREATED -MODEL_VERSION_CREATED
      http_url_spec.secret: *** (write-only: cannot be compared)
  = unchanged same  (local, id id3)
  - delete    id4  (local)  model_name=old, http_url_spec.url=https://x/old — no entry matches it

Plan: 1 to create, 1 to update, 1 to delete, 1 unchanged.
`);
  });

  it('when emitted as JSON then secrets are *** and the counts are there', () => {
    const doc = planDocument(def, plan, ['TOPSECRET']);
    expect(JSON.stringify(doc)).not.toContain('TOPSECRET');
    expect(doc.summary).toEqual({ create: 1, update: 1, delete: 1, unchanged: 1, conflict: 0 });
    expect(doc.pending).toBe(true);
  });

  it('when only what is printed is redacted (displayedPlan) then the text is the same as with the whole plan redacted', () => {
    // Secrets in every place a change can hold one, unchanged entries included (names, workspaces, ids).
    const secret = 'TOPSECRET';
    const mixed: ApplyPlan = {
      ...plan,
      workspaces: ['local', `https://w/${secret}`],
      changes: [
        ...plan.changes,
        { kind: 'unchanged', entry: `n-${secret}`, at: 'm.yaml:20:5', workspace: `https://w/${secret}`, id: secret, diffs: [{ kind: 'write-only', path: 'http_url_spec.secret', resend: false }] },
        { kind: 'unchanged', entry: 'plain', at: 'm.yaml:25:5', workspace: 'local', id: 'id9', diffs: [] },
        { kind: 'conflict', entry: `c-${secret}`, at: 'm.yaml:30:5', workspace: 'local', ids: ['a', 'b'], reason: `two rows ${secret}` },
      ],
    };
    for (const verbose of [false, true]) {
      const text = renderPlan(displayedPlan(def, mixed, [secret], verbose), { verbose });
      expect(text).toBe(renderPlan(redactedPlan(def, mixed, [secret]), { verbose }));
      expect(text).not.toContain(secret);
    }
    expect(renderPlan(displayedPlan(def, mixed, [secret], false))).toContain('= 3 webhooks unchanged (1 with write-only values that cannot be compared; --verbose lists them)');
  });
});
