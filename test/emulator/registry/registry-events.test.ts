// Registry actions fire real, signed deliveries to the ACTIVE hooks that watch them, asynchronously,
// with retries; every attempt lands in the delivery log (GET /api/2.0/hookql/webhook-deliveries/list).

import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { create, reset, startReceiver, useEmulator, type Received } from '../helpers.js';

const ctx = useEmulator({ deliveryTimeoutMs: 1000, deliveryRetry: { attempts: 3, baseDelayMs: 20 } });
const ML = '/api/2.0/mlflow';
const SECRET = 'receiver-secret';

let failNext = 0;
const receiver = await startReceiver((r) => {
  if (failNext > 0) {
    failNext--;
    return { status: 503, body: 'busy' };
  }
  return signatureIsValid(r) ? { status: 200, body: 'verified' } : { status: 401, body: 'bad signature' };
});
afterAll(() => receiver.close());

beforeEach(async () => {
  await reset(ctx.api);
  receiver.received.length = 0;
  failNext = 0;
});

/** The GUIDE's check: hex HMAC-SHA256 of the raw body keyed with the secret, compared in constant time. */
function signatureIsValid(r: Received): boolean {
  const given = r.headers['x-databricks-signature'];
  const expected = createHmac('sha256', SECRET).update(r.body).digest('hex');
  return typeof given === 'string' && given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

const post = async (path: string, body: unknown) => {
  const reply = await ctx.api.send('POST', `${ML}/${path}`, { body });
  expect(reply.status, reply.text).toBe(200);
  return reply.body;
};

function hook(events: string[], over: Record<string, unknown> = {}) {
  return create(ctx.api, {
    model_name: 'churn',
    events,
    http_url_spec: { url: `${receiver.url}/hook`, secret: SECRET, authorization: 'Bearer receiver-token' },
    ...over,
  });
}

async function deliveries(query = ''): Promise<any[]> {
  const reply = await ctx.api.send('GET', '/api/2.0/hookql/webhook-deliveries/list', { query });
  expect(reply.status).toBe(200);
  return reply.body.deliveries ?? [];
}

async function until<T>(probe: () => Promise<T> | T, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await probe();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('timed out waiting');
}

const payloads = () => receiver.received.map((r) => JSON.parse(r.body.toString()));

describe('registry events', () => {
  it('a lifecycle delivers each event with the documented payload, a valid signature and Authorization', async () => {
    const active = await hook(['MODEL_VERSION_CREATED', 'MODEL_VERSION_TRANSITIONED_TO_PRODUCTION', 'COMMENT_CREATED']);
    await post('registered-models/create', { name: 'churn' });
    await post('model-versions/create', { name: 'churn', source: 'dbfs:/m' });
    await post('databricks/model-versions/transition-stage', { name: 'churn', version: '1', stage: 'Production', archive_existing_versions: false });
    await post('comments/create', { name: 'churn', version: '1', comment: 'shipped' });
    await until(() => receiver.received.length, (n) => n >= 3);
    expect(receiver.received.every(signatureIsValid)).toBe(true);
    expect(receiver.received.every((r) => r.headers.authorization === 'Bearer receiver-token')).toBe(true);
    const byEvent = Object.fromEntries(payloads().map((p) => [p.event, p]));
    expect(Object.keys(byEvent).sort()).toEqual(['COMMENT_CREATED', 'MODEL_VERSION_CREATED', 'MODEL_VERSION_TRANSITIONED_TO_PRODUCTION']);
    expect(byEvent.MODEL_VERSION_TRANSITIONED_TO_PRODUCTION).toEqual({
      event: 'MODEL_VERSION_TRANSITIONED_TO_PRODUCTION', webhook_id: active.id, event_timestamp: expect.any(Number),
      model_name: 'churn', version: '1', to_stage: 'Production', from_stage: 'None',
      text: "Registered model 'churn' version 1 transitioned from None to Production.",
    });
    expect(byEvent.COMMENT_CREATED).toMatchObject({ version: '1', comment: 'shipped', text: "A user commented on registered model 'churn' version 1." });
    expect(byEvent.MODEL_VERSION_CREATED).toMatchObject({ model_name: 'churn', version: '1' });
    const log = await until(() => deliveries(), (rows) => rows.length >= 3);
    expect(log.map((d) => [d.event, d.status_code, d.attempt])).toEqual(
      expect.arrayContaining([['MODEL_VERSION_CREATED', 200, 1], ['COMMENT_CREATED', 200, 1]]),
    );
    expect(log[0]).toMatchObject({ webhook_id: active.id, model_name: 'churn', kind: 'http', response_excerpt: 'verified', latency_ms: expect.any(Number) });
  });

  it('TEST_MODE and DISABLED hooks, and hooks on other models, get nothing; registry-wide hooks get everything', async () => {
    await hook(['MODEL_VERSION_CREATED'], { status: 'TEST_MODE' });
    await hook(['MODEL_VERSION_CREATED'], { status: 'DISABLED', http_url_spec: { url: `${receiver.url}/disabled`, secret: SECRET } });
    await hook(['MODEL_VERSION_CREATED'], { model_name: 'other', http_url_spec: { url: `${receiver.url}/other`, secret: SECRET } });
    const wide = await hook(['MODEL_VERSION_CREATED', 'REGISTERED_MODEL_CREATED'], { model_name: undefined, http_url_spec: { url: `${receiver.url}/wide`, secret: SECRET } });
    await post('registered-models/create', { name: 'churn' });
    await post('model-versions/create', { name: 'churn', source: 'dbfs:/m' });
    await until(() => receiver.received.length, (n) => n >= 2);
    await new Promise((r) => setTimeout(r, 100)); // nothing else trickles in
    expect(receiver.received.map((r) => r.url)).toEqual(['/wide', '/wide']);
    expect(payloads().map((p) => [p.event, p.webhook_id])).toEqual([['REGISTERED_MODEL_CREATED', wide.id], ['MODEL_VERSION_CREATED', wide.id]]);
    expect(payloads()[0].version).toBeUndefined();
  });

  it('answers before the receiver does, and retries a failing receiver with backoff', async () => {
    await hook(['MODEL_VERSION_CREATED']);
    await post('registered-models/create', { name: 'churn' });
    failNext = 2;
    await post('model-versions/create', { name: 'churn', source: 'dbfs:/m' });
    const log = await until(() => deliveries('event=MODEL_VERSION_CREATED'), (rows) => rows.length >= 3);
    expect(log.map((d) => [d.attempt, d.status_code])).toEqual([[1, 503], [2, 503], [3, 200]]);
    expect(new Set(log.map((d) => d.delivery_id)).size).toBe(1);
    expect(log[1].timestamp - log[0].timestamp).toBeGreaterThanOrEqual(15);
    // The same signed bytes each time.
    expect(new Set(receiver.received.map((r) => r.body.toString())).size).toBe(1);
  });

  it('an unreachable receiver is logged with its error and retried up to the limit', async () => {
    const dead = await startReceiver();
    const url = dead.url;
    await dead.close();
    await hook(['TRANSITION_REQUEST_CREATED'], { http_url_spec: { url } });
    await post('registered-models/create', { name: 'churn' });
    await post('model-versions/create', { name: 'churn', source: 'dbfs:/m' });
    await post('transition-requests/create', { name: 'churn', version: '1', stage: 'Staging' });
    const log = await until(() => deliveries(), (rows) => rows.length >= 3);
    expect(log.map((d) => d.attempt)).toEqual([1, 2, 3]);
    expect(log[0].status_code).toBeUndefined();
    expect(log[0].error).toMatch(/ECONNREFUSED|connect/i);
  });

  it('job hooks call jobs/run-now with the payload as notebook_params.event_message', async () => {
    // run-now refuses a job this workspace never created, as the real Jobs API does: make a notebook job.
    const job = await ctx.api.send('POST', '/api/2.1/jobs/create', { body: { name: 'on-tag', tasks: [{ task_key: 't', notebook_task: { notebook_path: '/hooks/on-tag' } }] } });
    expect(job.status).toBe(200);
    const jobId = job.body.job_id as number;
    await create(ctx.api, { model_name: 'churn', events: ['MODEL_VERSION_TAG_SET'], job_spec: { job_id: String(jobId), access_token: 'dev-token' } });
    await post('registered-models/create', { name: 'churn' });
    await post('model-versions/create', { name: 'churn', source: 'dbfs:/m' });
    await post('model-versions/set-tag', { name: 'churn', version: '1', key: 'k', value: 'v' });
    const runs = await until(async () => (await ctx.api.send('GET', '/__emulator/runs')).body.runs, (r: any[]) => r.length >= 1);
    expect(runs[0].request.job_id).toBe(jobId);
    const message = JSON.parse(runs[0].request.notebook_params.event_message);
    expect(message).toMatchObject({ event: 'MODEL_VERSION_TAG_SET', version: '1', tags: [{ key: 'k', value: 'v' }] });
    expect((await until(() => deliveries(), (rows) => rows.length >= 1))[0]).toMatchObject({ kind: 'job', status_code: 200 });
  });

  it('a hook on both the generic and the specific event gets one delivery per event; archived versions fire too', async () => {
    await hook(['MODEL_VERSION_TRANSITIONED_STAGE', 'MODEL_VERSION_TRANSITIONED_TO_PRODUCTION', 'MODEL_VERSION_TRANSITIONED_TO_ARCHIVED', 'TRANSITION_REQUEST_TO_STAGING_CREATED']);
    await post('registered-models/create', { name: 'churn' });
    await post('model-versions/create', { name: 'churn', source: 'dbfs:/1' });
    await post('model-versions/create', { name: 'churn', source: 'dbfs:/2' });
    await post('databricks/model-versions/transition-stage', { name: 'churn', version: '1', stage: 'Production', archive_existing_versions: false });
    await post('transition-requests/create', { name: 'churn', version: '2', stage: 'Staging' });
    await post('databricks/model-versions/transition-stage', { name: 'churn', version: '2', stage: 'Production', archive_existing_versions: true });
    await until(() => receiver.received.length, (n) => n >= 7);
    await new Promise((r) => setTimeout(r, 100));
    const got = payloads().map((p) => `${p.event} v${p.version} ${p.from_stage}->${p.to_stage}`).sort();
    expect(got).toEqual([
      'MODEL_VERSION_TRANSITIONED_STAGE v1 None->Production',
      'MODEL_VERSION_TRANSITIONED_STAGE v1 Production->Archived',
      'MODEL_VERSION_TRANSITIONED_STAGE v2 None->Production',
      'MODEL_VERSION_TRANSITIONED_TO_ARCHIVED v1 Production->Archived',
      'MODEL_VERSION_TRANSITIONED_TO_PRODUCTION v1 None->Production',
      'MODEL_VERSION_TRANSITIONED_TO_PRODUCTION v2 None->Production',
      'TRANSITION_REQUEST_TO_STAGING_CREATED v2 None->Staging',
    ]);
    expect(receiver.received.every(signatureIsValid)).toBe(true);
  });
});
