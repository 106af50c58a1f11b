// Write-only secrets: never printed, never compared, re-sent only when their spec is sent anyway
// or with --rotate-secrets; --dry-run shows the exact statements with placeholders, and changes nothing.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyWorld, httpEntry, manifest, SECRETS, type ApplyWorld } from './support.js';

let w: ApplyWorld;
beforeEach(async () => {
  w = await applyWorld();
});
afterEach(async () => {
  await w.close();
});

const entry = (extra: Parameters<typeof httpEntry>[3] = {}) => httpEntry('churn', 'churn', 'https://hooks.example.com/churn', extra);

describe('secrets in plan and apply', () => {
  it('when --dry-run then the plan and the exact SQL are printed, secrets as placeholders, and nothing changes', async () => {
    // A --var value is taken literally: the braces in it are text, not a placeholder.
    const desc = ['--var', "desc=it's \\ {{ literally }}"];
    const file = w.write('m.yaml', manifest(w.emu.url, [entry({ description: '{{ desc }}' })]));
    const run = await w.cli(['apply', file, '--dry-run', ...desc]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Statements apply would run (1; secrets are {{ placeholders }} filled at run time):

-- create churn (${w.emu.url})
INSERT INTO databricks_workspace.ml.model_registry_webhooks (workspace, events, description, http_url_spec, model_name)
SELECT '${w.emu.url}', '["MODEL_VERSION_TRANSITIONED_TO_PRODUCTION"]', '{{ description }}', '{"url":"https://hooks.example.com/churn","secret":"{{ http_url_spec.secret }}"}', 'churn'
RETURNING *;`);
    expect(run.stdout + run.stderr).not.toContain(SECRETS.SLACK_SECRET);
    expect((await w.requests()).map((r) => r.method)).toEqual(['GET']);
    // The same statements, run for real, store the text exactly (quotes, backslash and braces included).
    expect((await w.cli(['apply', file, ...desc])).code).toBe(0);
    expect((await w.live())[0].description).toBe("it's \\ {{ literally }}");
    expect((await w.cli(['plan', file, ...desc])).stdout).toContain('No changes');
  });

  it('when -o json with --dry-run then plan and statements come as data', async () => {
    const file = w.write('m.yaml', manifest(w.emu.url, [entry()]));
    const doc = JSON.parse((await w.cli(['apply', file, '--dry-run', '-o', 'json'])).stdout);
    expect(doc.pending).toBe(true);
    expect(doc.changes[0]).toMatchObject({ kind: 'create', entry: 'churn', values: { http_url_spec: { secret: '***' } } });
    expect(doc.statements).toHaveLength(1);
    expect(JSON.stringify(doc)).not.toContain(SECRETS.SLACK_SECRET);
  });

  it('when only the secret changes then nothing is sent, unless --rotate-secrets', async () => {
    const file = w.write('m.yaml', manifest(w.emu.url, [entry()]));
    expect((await w.cli(['apply', file])).code).toBe(0);
    const before = (await w.requests()).length;
    const quiet = await w.cli(['apply', file], { SLACK_SECRET: 'a-new-secret-value' });
    expect(quiet.stdout).toContain('No changes');
    expect((await w.requests()).slice(before).map((r) => r.method)).toEqual(['GET']);

    const plan = await w.cli(['plan', file, '--rotate-secrets', '--detailed-exitcode'], { SLACK_SECRET: 'a-new-secret-value' });
    expect(plan.code).toBe(3);
    expect(plan.stdout).toContain('http_url_spec.secret: *** (write-only: cannot be compared; sent again)');
    const rotate = await w.cli(['apply', file, '--rotate-secrets'], { SLACK_SECRET: 'a-new-secret-value' });
    expect(rotate.stdout).toContain('1 updated');
    expect(rotate.stdout + rotate.stderr).not.toContain('a-new-secret-value');
    const patch = (await w.requests()).find((r) => r.method === 'PATCH');
    expect(patch?.body).toEqual({ id: expect.any(String), http_url_spec: { url: 'https://hooks.example.com/churn', secret: '***' } });
  });

  it('when a spec field changes then the whole spec is sent with its secret', async () => {
    const file = w.write('m.yaml', manifest(w.emu.url, [entry()]));
    expect((await w.cli(['apply', file])).code).toBe(0);
    w.write('m.yaml', manifest(w.emu.url, [entry()]).replace('secret:', 'enable_ssl_verification: false, secret:'));
    const plan = await w.cli(['plan', file]);
    expect(plan.stdout).toContain('http_url_spec.enable_ssl_verification: true → false');
    expect(plan.stdout).toContain('http_url_spec.secret: *** (write-only: cannot be compared; sent again)');
    await w.cli(['apply', file]);
    const patch = (await w.requests()).find((r) => r.method === 'PATCH');
    expect(patch?.body).toEqual({ id: expect.any(String), http_url_spec: { url: 'https://hooks.example.com/churn', enable_ssl_verification: false, secret: '***' } });
  });
});
