// The SQL apply runs: exact text, secrets only as placeholders, user text quoted or sent as a var.

import { describe, expect, it } from 'vitest';
import { statementFor } from '../../src/apply/index.js';
import { findResource, loadRegistry } from '../../src/definition/index.js';

const def = findResource(loadRegistry(), 'databricks_workspace.ml.model_registry_webhooks');
const ref = { entry: 'e', at: 'm.yaml:1:1', workspace: 'local' };

describe('statementFor', () => {
  it('when creating then columns follow the create inputs and the secret is a placeholder', () => {
    const s = statementFor(def, {
      kind: 'create',
      ...ref,
      values: { model_name: "o'brien", events: ['COMMENT_CREATED'], http_url_spec: { url: 'https://x', secret: 'se"cr\\et' }, status: 'ACTIVE' },
    });
    expect(s.sql).toBe(
      "INSERT INTO databricks_workspace.ml.model_registry_webhooks (workspace, events, http_url_spec, model_name, status)\n" +
        `SELECT 'local', '["COMMENT_CREATED"]', '{"url":"https://x","secret":"{{ http_url_spec.secret }}"}', 'o''brien', 'ACTIVE'\nRETURNING *;`,
    );
    // The var holds the secret escaped for its place inside a JSON string.
    expect(s.vars).toEqual({ 'http_url_spec.secret': 'se\\"cr\\\\et' });
  });

  it('when updating then only the set fields are in SET and the row is named by workspace and id', () => {
    const s = statementFor(def, { kind: 'update', ...ref, id: 'abc', diffs: [], set: { status: 'DISABLED' } });
    expect(s.sql).toBe("UPDATE databricks_workspace.ml.model_registry_webhooks\nSET status = 'DISABLED'\nWHERE workspace = 'local' AND id = 'abc'\nRETURNING *;");
    expect(s.vars).toEqual({});
  });

  it('when deleting then it is a DELETE by workspace and id', () => {
    const s = statementFor(def, { kind: 'delete', workspace: 'local', id: 'abc', label: '', values: {} });
    expect(s.sql).toBe("DELETE FROM databricks_workspace.ml.model_registry_webhooks\nWHERE workspace = 'local' AND id = 'abc';");
  });

  it('when a text looks like a placeholder then it travels in a var, never in the SQL', () => {
    const s = statementFor(def, { kind: 'update', ...ref, id: 'abc', diffs: [], set: { description: 'use {{ x }}', job_spec: { job_id: '{{1}}', access_token: 't' } } });
    expect(s.sql).toContain("SET description = '{{ description }}', job_spec = '{{ job_spec }}'");
    expect(s.vars).toEqual({ description: 'use {{ x }}', job_spec: '{"job_id":"{{1}}","access_token":"t"}' });
  });
});
