// The example manifests in manifests/examples/, applied as their headers say, against the emulator.

import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyWorld, type ApplyWorld } from './support.js';

const EXAMPLES = join(import.meta.dirname, '../../manifests/examples');
const ENV = { SLACK_WEBHOOK_SECRET: 'slack-ex-secret-77', VALIDATION_JOB_TOKEN: 'dapi-validate-55', AUDIT_HOOK_SECRET: 'audit-ex-secret-31', AUDIT_HOOK_AUTH: 'Bearer audit-ex-token-12' };

let w: ApplyWorld;
beforeEach(async () => {
  w = await applyWorld();
});
afterEach(async () => {
  await w.close();
});

describe('example manifests', () => {
  it.each([
    ['slack-production-transitions.yaml', 3],
    ['job-webhook.yaml', 1],
    ['registry-wide.yaml', 1],
  ])('when %s is applied twice then it creates its hooks once and then changes nothing', async (name, count) => {
    const file = join(EXAMPLES, name);
    const first = await w.cli(['apply', file, '--var', `workspace=${w.emu.url}`], ENV);
    expect(first.stderr).not.toContain('error');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Apply complete: ${count} created`);
    const second = await w.cli(['plan', file, '--var', `workspace=${w.emu.url}`, '--detailed-exitcode'], ENV);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`No changes: ${count} webhook${count === 1 ? '' : 's'} unchanged.`);
    expect(await w.live()).toHaveLength(count);
    for (const out of [first.stdout, first.stderr, second.stdout]) for (const secret of Object.values(ENV)) expect(out).not.toContain(secret);
  });

  it('when the job example is applied then the job spec and its token reach the API', async () => {
    await w.cli(['apply', join(EXAMPLES, 'job-webhook.yaml'), '--var', `workspace=${w.emu.url}`, '--var', 'job_id=4242'], ENV);
    const [row] = await w.live();
    expect(row.job_spec).toEqual({ job_id: '4242' });
    const create = (await w.requests()).find((r) => r.path.endsWith('/create'));
    expect(create?.body).toMatchObject({ job_spec: { job_id: '4242', access_token: '***' } });
  });
});
