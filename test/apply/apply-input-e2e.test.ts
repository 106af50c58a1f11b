// Input problems end apply before anything is sent: exit 2, every problem with file:line:column.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyWorld, httpEntry, manifest, type ApplyWorld } from './support.js';

let w: ApplyWorld;
beforeEach(async () => {
  w = await applyWorld();
});
afterEach(async () => {
  await w.close();
});

describe('manifest problems on the command line', () => {
  it('when a manifest has several problems then apply lists each with line:column and sends nothing', async () => {
    const text = manifest(w.emu.url, [
      httpEntry('a', 'churn', 'https://h.example.com/a', { status: 'ENABLED' }),
      httpEntry('b', 'churn', 'https://h.example.com/b', { events: ['MODEL_VERSION_CRATED'] }),
      httpEntry('a', 'fraud', 'https://h.example.com/c'),
    ]);
    const file = w.write('bad.yaml', text.replace('"{{ env.SLACK_SECRET }}"', '"{{ env.NOT_SET }}"'));
    const run = await w.cli(['apply', file]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      [
        `error [MANIFEST_INVALID]: ${file}: 4 problem(s)`,
        `  ${file}:10:32: entry 'a': status: 'ENABLED' is not a RegistryWebhookStatus (one of ACTIVE, DISABLED, TEST_MODE)`,
        `  ${file}:12:58: entry 'a': http_url_spec: unresolved {{ env.NOT_SET }}: environment variable NOT_SET is not set (or is empty)`,
        `  ${file}:17:33: entry 'b': events[0]: 'MODEL_VERSION_CRATED' is not a RegistryWebhookEvent — did you mean 'MODEL_VERSION_CREATED'?`,
        `  ${file}:20:5: entry 'a': duplicate name (first used at ${file}:5:5)`,
        'hint: fix each problem listed above (file:line:column); nothing was sent',
        '',
      ].join('\n'),
    );
    expect(await w.requests()).toEqual([]);
  });

  it('when a secret is written in the manifest then it is refused unless --allow-literal-secrets', async () => {
    const file = w.write('lit.yaml', manifest(w.emu.url, [httpEntry('a', 'churn', 'https://h.example.com/a')]).replace('"{{ env.SLACK_SECRET }}"', 'hunter2-literal'));
    const refused = await w.cli(['plan', file]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${file}:11:58: entry 'a': http_url_spec.secret is a write-only secret written in the manifest; use "{{ env.NAME }}" (or pass --allow-literal-secrets)`);
    expect(refused.stderr).not.toContain('hunter2-literal');
    const allowed = await w.cli(['apply', file, '--allow-literal-secrets']);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout + allowed.stderr).not.toContain('hunter2-literal');
    expect(allowed.stdout).toContain('http_url_spec.secret: ***');
  });

  it('when --var fills a manifest var then the override is used', async () => {
    const file = w.write('v.yaml', manifest('nowhere', [httpEntry('a', 'churn', 'https://h.example.com/a')]));
    const run = await w.cli(['apply', file, '--var', `workspace=${w.emu.url}`]);
    expect(run.code).toBe(0);
    expect(await w.live()).toHaveLength(1);
  });

  it('when the manifest file does not exist then it is a usage error', async () => {
    const run = await w.cli(['plan', `${w.dir}/missing.yaml`]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('cannot read manifest');
  });
});
