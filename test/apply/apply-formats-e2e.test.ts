// StackQL's documented manifest applied as is, and apply's JSON report.

import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyWorld, httpEntry, manifest, SECRETS, type ApplyWorld } from './support.js';

let w: ApplyWorld;
beforeEach(async () => {
  w = await applyWorld();
});
afterEach(async () => {
  await w.close();
});

// StackQL's documented manifest for the resource, verbatim (descriptions cut).
const STACKQL = readFileSync(new URL('../fixtures/stackql/manifest.yaml', import.meta.url), 'utf8');

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
    expect(doc.summary).toEqual({ created: 1, updated: 0, deleted: 0, unchanged: 0, failed: 0, failures: [], not_started: 0, not_started_reasons: [] });
    expect(doc.outcomes).toEqual([{ kind: 'create', entry: 'a', workspace: w.emu.url, ok: true, id: expect.stringMatching(/^\w+$/) }]);
    expect(run.stdout).not.toContain(SECRETS.SLACK_SECRET);
  });
});
