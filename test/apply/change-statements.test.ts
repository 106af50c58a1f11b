// The SQL apply runs: exact text, secrets only as placeholders, user text quoted or sent as a var.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { statementFor } from '../../src/apply/index.js';
import { findResource, loadRegistry } from '../../src/definition/index.js';
import { createEngine } from '../../src/engine.js';
import { prepareTemplate } from '../../src/parse/prepare-statement.js';

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

describe('a create\'s prepared form', () => {
  const engine = createEngine({ env: { DATABRICKS_TOKEN: 't' }, homeDir: mkdtempSync(join(tmpdir(), 'hookql-')) });
  afterAll(() => engine.close());
  const noText = (plans: unknown) => JSON.parse(JSON.stringify(plans, (key, value) => (key === 'text' ? undefined : value)));

  it.each([
    ['a secret inside JSON, with quotes and backslashes', { model_name: "o'brien", events: ['COMMENT_CREATED'], http_url_spec: { url: 'https://x', secret: 'se"cr\\et' }, status: 'ACTIVE' }],
    ['texts that look like placeholders', { description: 'use {{ x }}', events: ['MODEL_VERSION_CREATED'], job_spec: { job_id: '{{1}}', access_token: 't{{ k }}' } }],
    ['a text with a newline and a $1', { model_name: 'm', description: 'line 1\nline $1 \u00e9', events: ['MODEL_VERSION_CREATED'], job_spec: { job_id: '5', access_token: 'tok' } }],
  ])('with %s plans the same requests as the SQL apply shows', (_, values) => {
    const s = statementFor(def, { kind: 'create', ...ref, values });
    expect(prepareTemplate(s.prepared?.sql ?? '').parsed).not.toBeNull();
    const shown = engine.plan(s.sql, { vars: s.vars });
    const prepared = engine.prepare(s.prepared?.sql ?? '').plan(s.prepared?.params ?? []);
    expect(noText(prepared)).toEqual(noText(shown));
    // Parsed once for every create of these columns; the values stay out of its text.
    expect(s.prepared?.sql).toMatch(/^INSERT INTO \S+ \([a-z_, ]+\)\nSELECT \$1(, \$\d+)*\nRETURNING \*;$/);
  });
});
