// plan / apply against the emulator, through the CLI as a user runs them.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyWorld, httpEntry, manifest, SECRETS, type ApplyWorld } from './support.js';

let w: ApplyWorld;
beforeEach(async () => {
  w = await applyWorld();
});
afterEach(async () => {
  await w.close();
});

const three = () => [
  httpEntry('churn-prod', 'churn', 'https://hooks.example.com/churn', { status: 'TEST_MODE' }),
  httpEntry('fraud-prod', 'fraud', 'https://hooks.example.com/fraud', { events: ['MODEL_VERSION_CREATED', 'COMMENT_CREATED'] }),
  httpEntry('registry-wide', null, 'https://hooks.example.com/all', { events: ['REGISTERED_MODEL_CREATED'] }),
];

describe('hookql plan and apply', () => {
  it('when the workspace is empty then plan shows creates, apply makes them, and a second plan shows nothing', async () => {
    const file = w.write('m.yaml', manifest(w.emu.url, three()));
    const plan = await w.cli(['plan', file, '--detailed-exitcode']);
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(3);
    expect(plan.stdout).toContain('+ create    churn-prod');
    expect(plan.stdout).toContain('http_url_spec.secret: ***');
    expect(plan.stdout).toContain('Plan: 3 to create, 0 to update, 0 to delete, 0 unchanged.');

    const sentBefore = (await w.requests()).length;
    const apply = await w.cli(['apply', file]);
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain('Apply complete: 3 created, 0 updated, 0 deleted, 0 unchanged, 0 failed.');
    // One listing of live state, which also serves as every create's duplicate-check "before"; the
    // creates; then one listing after them, which would find a concurrent apply's duplicates.
    expect((await w.requests()).slice(sentBefore).map((r) => r.method)).toEqual(['GET', 'POST', 'POST', 'POST', 'GET']);
    const live = await w.live();
    // Creates run concurrently: compare in URL order, not listing order.
    const urlOrder = (rows: unknown[][]) => [...rows].sort((a, b) => String(a[2]).localeCompare(String(b[2])));
    expect(urlOrder(live.map((r) => [r.model_name, r.status, (r.http_url_spec as { url: string }).url]))).toEqual(urlOrder([
      ['churn', 'TEST_MODE', 'https://hooks.example.com/churn'],
      ['fraud', 'ACTIVE', 'https://hooks.example.com/fraud'],
      [null, 'ACTIVE', 'https://hooks.example.com/all'],
    ]));
    // The secret went to the API (the emulator logs it as ***), and never to any output.
    const creates = (await w.requests()).filter((r) => r.path.endsWith('/create'));
    expect(creates.map((r) => (r.body as { http_url_spec: { secret: string } }).http_url_spec.secret)).toEqual(['***', '***', '***']);
    for (const out of [plan.stdout, plan.stderr, apply.stdout, apply.stderr]) expect(out).not.toContain(SECRETS.SLACK_SECRET);

    const compact = await w.cli(['plan', file, '--detailed-exitcode']);
    expect(compact.stdout).toContain('  = 3 webhooks unchanged (3 with write-only values that cannot be compared; --verbose lists them)\n\nNo changes: 3 webhooks unchanged.');
    expect(compact.stdout).not.toContain('churn-prod');
    const again = await w.cli(['plan', file, '--detailed-exitcode', '--verbose']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes: 3 webhooks unchanged.');
    expect(again.stdout).toContain('= unchanged churn-prod');
    expect(again.stdout).toContain('http_url_spec.secret: *** (write-only: cannot be compared)');
    const before = (await w.requests()).length;
    const reapply = await w.cli(['apply', file]);
    expect(reapply.code).toBe(0);
    expect((await w.requests()).slice(before).map((r) => r.method)).toEqual(['GET']);
  });

  it('when a field is edited then plan shows one update with the diff, and apply sends only that', async () => {
    const file = w.write('m.yaml', manifest(w.emu.url, three()));
    expect((await w.cli(['apply', file])).code).toBe(0);
    const edited = three();
    edited[0] = httpEntry('churn-prod', 'churn', 'https://hooks.example.com/churn', { status: 'ACTIVE', events: ['MODEL_VERSION_TRANSITIONED_TO_PRODUCTION', 'COMMENT_CREATED'] });
    w.write('m.yaml', manifest(w.emu.url, edited));
    const plan = await w.cli(['plan', file, '-o', 'json']);
    const doc = JSON.parse(plan.stdout);
    expect(doc.summary).toEqual({ create: 0, update: 1, delete: 0, unchanged: 2, conflict: 0 });
    const update = doc.changes.find((c: { kind: string }) => c.kind === 'update');
    expect(update.diffs).toEqual([
      { kind: 'set', path: 'events', added: ['COMMENT_CREATED'], removed: [] },
      { kind: 'changed', path: 'status', from: 'TEST_MODE', to: 'ACTIVE' },
      { kind: 'write-only', path: 'http_url_spec.secret', resend: false, value: '***', note: 'write-only: cannot be compared' },
    ]);
    const text = await w.cli(['plan', file]);
    expect(text.stdout).toContain('events: +COMMENT_CREATED');
    expect(text.stdout).toContain('status: TEST_MODE → ACTIVE');

    const before = (await w.requests()).length;
    const apply = await w.cli(['apply', file]);
    expect(apply.stdout).toContain('Apply complete: 0 created, 1 updated, 0 deleted, 2 unchanged, 0 failed.');
    const patch = (await w.requests()).slice(before).find((r) => r.method === 'PATCH');
    expect(patch?.body).toEqual({ id: update.id, events: ['MODEL_VERSION_TRANSITIONED_TO_PRODUCTION', 'COMMENT_CREATED'], status: 'ACTIVE' });
  });

  it('when an entry is removed then nothing is deleted without --prune, and it is with it', async () => {
    const file = w.write('m.yaml', manifest(w.emu.url, three()));
    expect((await w.cli(['apply', file])).code).toBe(0);
    w.write('m.yaml', manifest(w.emu.url, three().slice(0, 2)));
    const plain = await w.cli(['apply', file]);
    expect(plain.stdout).toContain('No changes: 2 webhooks unchanged.');
    expect(await w.live()).toHaveLength(3);

    const plan = await w.cli(['plan', file, '--prune']);
    expect(plan.stdout).toMatch(/- delete +\w+ +\(.*\) +http_url_spec\.url=https:\/\/hooks\.example\.com\/all — no entry matches it/);
    const pruned = await w.cli(['apply', file, '--prune', '-y']);
    expect(pruned.stdout).toContain('0 created, 0 updated, 1 deleted, 2 unchanged, 0 failed');
    expect((await w.live()).map((r) => r.model_name).sort()).toEqual(['churn', 'fraud']);
  });

  it('when --prune-scope models then only rows of the models the manifest names are deleted', async () => {
    const file = w.write('m.yaml', manifest(w.emu.url, three()));
    expect((await w.cli(['apply', file])).code).toBe(0);
    await w.sql(`INSERT INTO databricks_workspace.ml.model_registry_webhooks (workspace, model_name, events, http_url_spec)
      SELECT '${w.emu.url}', 'churn', '["COMMENT_CREATED"]', '{"url": "https://stray.example.com/1"}'`);
    await w.sql(`INSERT INTO databricks_workspace.ml.model_registry_webhooks (workspace, model_name, events, http_url_spec)
      SELECT '${w.emu.url}', 'other-model', '["COMMENT_CREATED"]', '{"url": "https://stray.example.com/2"}'`);
    w.write('m.yaml', manifest(w.emu.url, three().slice(0, 1)));
    const scoped = await w.cli(['apply', file, '--prune', '--prune-scope', 'models', '--auto-approve']);
    expect(scoped.code).toBe(0);
    expect(scoped.stdout).toContain('1 deleted');
    // Apply creates concurrently, so the listing order is not the manifest's: compare by URL.
    const byUrl = (rows: (string | null)[][]) => [...rows].sort((a, b) => String(a[1]).localeCompare(String(b[1])));
    expect(byUrl((await w.live()).map((r) => [r.model_name as string | null, (r.http_url_spec as { url: string }).url]))).toEqual(byUrl([
      ['churn', 'https://hooks.example.com/churn'],
      ['fraud', 'https://hooks.example.com/fraud'],
      [null, 'https://hooks.example.com/all'],
      ['other-model', 'https://stray.example.com/2'],
    ]));
    const usage = await w.cli(['plan', file, '--prune-scope', 'models']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--prune-scope narrows --prune');
  });

  it('when two live rows share an entry key then plan fails naming both ids, and apply does the rest', async () => {
    const dup = `INSERT INTO databricks_workspace.ml.model_registry_webhooks (workspace, model_name, events, http_url_spec)
      SELECT '${w.emu.url}', 'churn', '["COMMENT_CREATED"]', '{"url": "https://hooks.example.com/churn"}' RETURNING id`;
    const ids = [(await w.sql(dup))[0].id, (await w.sql(dup))[0].id];
    const file = w.write('m.yaml', manifest(w.emu.url, three()));
    const plan = await w.cli(['plan', file]);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain(`! conflict  churn-prod`);
    expect(plan.stderr).toContain('error [INVALID_VALUE]: 1 entry cannot be planned without guessing');
    expect(plan.stdout).toContain(`2 live webhooks have this entry's key (workspace, model_name, http_url_spec.url, job_spec.job_id, job_spec.workspace_url): ${ids[0]}, ${ids[1]}`);
    const apply = await w.cli(['apply', file, '--prune', '-y']);
    expect(apply.code).toBe(1);
    expect(apply.stdout).toContain('2 created, 0 updated, 0 deleted, 0 unchanged, 1 failed');
    expect(apply.stdout).toContain(`✗ churn-prod (${w.emu.url}): [CONFLICT] 2 live webhooks`);
    // Neither duplicate is pruned: deleting one would be a guess.
    expect((await w.live()).filter((r) => r.model_name === 'churn')).toHaveLength(2);
  });
});
