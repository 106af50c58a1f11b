// `hookql emulator --demo <receiver>`: a sample lifecycle delivers real, signed events to a receiver
// that checks them the way the Databricks guide shows; the secret is never printed.

import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startReceiver, type Received } from '../emulator/helpers.js';
import { hookql } from '../helpers/run-cli.js';

const SECRET = 'demo-secret-value';

function verified(r: Received): boolean {
  const given = r.headers['x-databricks-signature'];
  const expected = createHmac('sha256', SECRET).update(r.body).digest('hex');
  return typeof given === 'string' && given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

const receiver = await startReceiver((r) => (verified(r) ? { status: 200, body: 'verified' } : { status: 401, body: 'bad signature' }));
afterAll(() => receiver.close());
const home = mkdtempSync(join(tmpdir(), 'hookql-demo-'));

describe('hookql emulator --demo', () => {
  it('delivers the lifecycle\'s five events, signed, and shows what the receiver answered', async () => {
    receiver.received.length = 0;
    const run = await hookql(['emulator', '--demo', `${receiver.url}/hook`], { env: { HOOKQL_HOME: home, HOOKQL_DEMO_SECRET: SECRET } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.split('\n')[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const events = receiver.received.map((r) => JSON.parse(r.body.toString()).event);
    // Deliveries are asynchronous: their arrival order is not promised, only that each one arrives.
    expect(events.sort()).toEqual(['COMMENT_CREATED', 'MODEL_VERSION_CREATED', 'MODEL_VERSION_TRANSITIONED_STAGE', 'REGISTERED_MODEL_CREATED', 'TRANSITION_REQUEST_CREATED']);
    expect(receiver.received.every(verified)).toBe(true);
    expect(receiver.received.every((r) => r.url === '/hook')).toBe(true);
    expect(run.stdout).toContain('what your receiver answered');
    expect(run.stdout.match(/│ 200 +│/g)?.length).toBe(5);
    expect(run.stdout + run.stderr).not.toContain(SECRET);
  }, 30_000);

  it('without a secret the deliveries are unsigned, and a refusing receiver makes it exit 1', async () => {
    receiver.received.length = 0;
    const run = await hookql(['emulator', '--demo', receiver.url], { env: { HOOKQL_HOME: home } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('HOOKQL_DEMO_SECRET is not set');
    expect(receiver.received.length).toBeGreaterThanOrEqual(5);
    expect(receiver.received.every((r) => r.headers['x-databricks-signature'] === undefined)).toBe(true);
    // Each refused delivery was retried (the demo emulator makes 3 attempts).
    expect(run.stdout.match(/│ 401 +│/g)?.length).toBe(15);
  }, 30_000);

  it('refuses a receiver that is not a URL, before starting anything', async () => {
    const run = await hookql(['emulator', '--demo', 'localhost:8000'], { env: { HOOKQL_HOME: home } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/must be http:\/\/ or https:\/\/|is not a URL/);
  });
});
