// StackQL's documented manifest applied as is, and apply's JSON report.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyWorld, httpEntry, manifest, SECRETS, type ApplyWorld } from './support.js';

let w: ApplyWorld;
beforeEach(async () => {
  w = await applyWorld();
});
afterEach(async () => {
  await w.close();
});

// Verbatim from StackQL's page for databricks_workspace.ml.model_registry_webhooks (descriptions cut).
const STACKQL = `# Description fields are for documentation purposes
- name: model_registry_webhooks
  props:
    - name: workspace
      value: "{{ workspace }}"
      description: Required parameter for the model_registry_webhooks resource.
    - name: events
      value:
        - "{{ events }}"
      description: |
        Events that can trigger a registry webhook.
    - name: description
      value: "{{ description }}"
      description: |
        User-specified description for the webhook.
    - name: http_url_spec
      description: |
        External HTTPS URL called on event trigger (by using a POST request).
      value:
        url: "{{ url }}"
        authorization: "{{ authorization }}"
        enable_ssl_verification: {{ enable_ssl_verification }}
        secret: "{{ secret }}"
    - name: job_spec
      description: |
        ID of the job that the webhook runs.
      value:
        job_id: "{{ job_id }}"
        access_token: "{{ access_token }}"
        workspace_url: "{{ workspace_url }}"
    - name: model_name
      value: "{{ model_name }}"
    - name: status
      value: "{{ status }}"
`;

describe('manifest formats and reports', () => {
  it("when StackQL's manifest is applied with its vars then it creates the hook, and again changes nothing", async () => {
    const file = w.write('stackql.yaml', STACKQL);
    const vars = { workspace: w.emu.url, events: 'MODEL_VERSION_CREATED', description: 'from StackQL', url: 'https://h.example.com/s', authorization: '', enable_ssl_verification: 'true', secret: '', job_id: '', access_token: '', workspace_url: '', model_name: 'm1', status: 'TEST_MODE' };
    const args = Object.entries(vars).flatMap(([k, v]) => ['--var', `${k}=${v}`]);
    const first = await w.cli(['apply', file, ...args]);
    expect(first.stderr).not.toContain('error');
    expect(first.stdout).toContain('Apply complete: 1 created');
    expect((await w.live()).map((r) => [r.model_name, r.status, r.events, r.description])).toEqual([['m1', 'TEST_MODE', ['MODEL_VERSION_CREATED'], 'from StackQL']]);
    expect((await w.cli(['plan', file, ...args, '--detailed-exitcode'])).code).toBe(0);
  });

  it('when apply -o json then the plan, each outcome and the summary come as one JSON document', async () => {
    const file = w.write('m.yaml', manifest(w.emu.url, [httpEntry('a', 'm', 'https://h.example.com/a')]));
    const run = await w.cli(['apply', file, '-o', 'json']);
    const doc = JSON.parse(run.stdout);
    expect(doc.summary).toEqual({ created: 1, updated: 0, deleted: 0, unchanged: 0, failed: 0, failures: [] });
    expect(doc.outcomes).toEqual([{ kind: 'create', entry: 'a', workspace: w.emu.url, ok: true, id: expect.stringMatching(/^\w+$/) }]);
    expect(run.stdout).not.toContain(SECRETS.SLACK_SECRET);
  });
});
