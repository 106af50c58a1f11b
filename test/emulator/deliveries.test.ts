// `test` really delivers: a receiver verifies X-Databricks-Signature the way the Databricks docs show
// (hex HMAC-SHA256 of the raw body with the shared secret, constant-time compare) and Authorization.
// Job hooks call the emulator's own /api/2.0/jobs/run-now.

import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, BASE, create, httpHook, jobHook, reset, startReceiver, useEmulator, type Received } from './helpers.js';

const ctx = useEmulator({ deliveryTimeoutMs: 300 });
const SECRET = 'shh-secret';

beforeEach(() => reset(ctx.api));

/** The receiver side of the contract, as a user would write it. */
function signatureIsValid(r: Received, secret: string): boolean {
  const given = r.headers['x-databricks-signature'];
  if (typeof given !== 'string') return false;
  const expected = createHmac('sha256', secret).update(r.body).digest('hex');
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

const receiver = await startReceiver((r) =>
  signatureIsValid(r, SECRET) ? { status: 200, body: 'verified' } : { status: 401, body: 'bad signature' },
);
afterAll(() => receiver.close());

const testHook = (id: string, event?: string) => ctx.api.send('POST', `${BASE}/test`, { body: { id, event } });

describe('http deliveries', () => {
  it('signs the exact body, passes Authorization and returns the receiver\'s answer flat', async () => {
    const hook = await create(ctx.api, httpHook({ http_url_spec: { url: `${receiver.url}/hook`, secret: SECRET, authorization: 'Bearer rcv' } }));
    const reply = await testHook(hook.id);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status_code: 200, body: 'verified' });
    const got = receiver.received.at(-1)!;
    expect(got.method).toBe('POST');
    expect(got.url).toBe('/hook');
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers.authorization).toBe('Bearer rcv');
    expect(got.headers['x-databricks-signature']).toMatch(/^[0-9a-f]{64}$/);
    const payload = JSON.parse(got.body.toString());
    expect(payload).toMatchObject({ event: 'MODEL_VERSION_CREATED', webhook_id: hook.id, model_name: 'churn-model', version: '1' });
    expect(typeof payload.event_timestamp).toBe('number');
    expect(typeof payload.text).toBe('string');
  });

  it('a wrong secret fails the receiver\'s check, and test reports its 401 and body', async () => {
    const hook = await create(ctx.api, httpHook({ http_url_spec: { url: receiver.url, secret: 'other-secret' } }));
    expect((await testHook(hook.id)).body).toEqual({ status_code: 401, body: 'bad signature' });
  });

  it('omits the signature without a secret and Authorization when empty', async () => {
    const hook = await create(ctx.api, httpHook({ http_url_spec: { url: receiver.url, authorization: '' } }));
    expect((await testHook(hook.id)).body).toEqual({ status_code: 401, body: 'bad signature' });
    const got = receiver.received.at(-1)!;
    expect(got.headers['x-databricks-signature']).toBeUndefined();
    expect(got.headers.authorization).toBeUndefined();
  });

  it.each([
    ['COMMENT_CREATED', { comment: expect.any(String), version: '1' }],
    ['MODEL_VERSION_TRANSITIONED_STAGE', { to_stage: 'Production', from_stage: 'None' }],
    ['MODEL_VERSION_TAG_SET', { tags: [{ key: 'key1', value: 'value1' }] }],
    ['TRANSITION_REQUEST_TO_STAGING_CREATED', { to_stage: 'Staging' }],
  ])('sends the payload of the chosen event %s', async (event, fields) => {
    const hook = await create(ctx.api, httpHook({ events: ['MODEL_VERSION_CREATED', event], status: 'TEST_MODE', http_url_spec: { url: receiver.url, secret: SECRET } }));
    expect((await testHook(hook.id, event)).body.status_code).toBe(200);
    expect(JSON.parse(receiver.received.at(-1)!.body.toString())).toMatchObject({ event, ...fields });
  });

  it('a registry-wide REGISTERED_MODEL_CREATED hook gets a payload without version', async () => {
    const hook = await create(ctx.api, httpHook({ model_name: undefined, events: ['REGISTERED_MODEL_CREATED'], http_url_spec: { url: receiver.url, secret: SECRET } }));
    expect((await testHook(hook.id)).body.status_code).toBe(200);
    const payload = JSON.parse(receiver.received.at(-1)!.body.toString());
    expect(payload.event).toBe('REGISTERED_MODEL_CREATED');
    expect(payload.version).toBeUndefined();
  });

  // Was a 400 INVALID_PARAMETER_VALUE (invented); the test call reports what it received, so an
  // unreachable receiver is reported in the same {status_code, body} form (issue 11).
  it('an unreachable receiver is reported as status_code 502 with the reason in body', async () => {
    const closed = await startReceiver();
    await closed.close();
    const hook = await create(ctx.api, httpHook({ http_url_spec: { url: closed.url } }));
    const reply = await testHook(hook.id);
    expect(reply.status).toBe(200);
    expect(reply.body.status_code).toBe(502);
    expect(reply.body.body).toMatch(/ECONNREFUSED/);
  });

  it('a receiver that never answers times out (10 s in production, 300 ms here)', async () => {
    const silent = await startReceiver(() => null);
    const hook = await create(ctx.api, httpHook({ http_url_spec: { url: silent.url } }));
    const started = Date.now();
    const reply = await testHook(hook.id);
    expect(reply.status).toBe(200);
    expect(reply.body.status_code).toBe(504);
    expect(reply.body.body).toMatch(/timed out/);
    expect(Date.now() - started).toBeLessThan(3000);
    await silent.close();
  });

  it('the delivery log records each attempt with Authorization redacted', async () => {
    const hook = await create(ctx.api, httpHook({ http_url_spec: { url: receiver.url, secret: SECRET, authorization: 'Bearer rcv-secret' } }));
    await testHook(hook.id);
    const log = await ctx.api.send('GET', '/__emulator/deliveries');
    expect(log.text).not.toContain('rcv-secret');
    expect(log.text).not.toContain(SECRET);
    expect(log.body.deliveries).toHaveLength(1);
    expect(log.body.deliveries[0]).toMatchObject({
      webhook_id: hook.id, kind: 'http', url: receiver.url, status_code: 200, response_body: 'verified',
      headers: { authorization: '***' },
    });
    expect(Object.keys(log.body.deliveries[0]).sort()).toEqual(
      ['duration_ms', 'event', 'headers', 'kind', 'payload', 'response_body', 'seq', 'status_code', 'timestamp', 'url', 'webhook_id'],
    );
  });
});

describe('TLS verification', () => {
  const tls = createServer(
    { key: readFileSync(new URL('./fixtures/self-signed-key.pem', import.meta.url)), cert: readFileSync(new URL('./fixtures/self-signed-cert.pem', import.meta.url)) },
    (_req, res) => res.end('tls ok'),
  );
  const listening = new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
  afterAll(() => new Promise<void>((resolve) => { tls.closeAllConnections(); tls.close(() => resolve()); }));

  // The refused handshake used to be a 400; it is now reported like any unreachable receiver (issue 11).
  it.each([
    [false, 200, /^tls ok$/],
    [true, 502, /certificate/],
  ])('enable_ssl_verification=%s against a self-signed receiver → status_code %s', async (verify, statusCode, body) => {
    await listening;
    const url = `https://127.0.0.1:${(tls.address() as AddressInfo).port}/`;
    const hook = await create(ctx.api, httpHook({ http_url_spec: { url, enable_ssl_verification: verify } }));
    const reply = await testHook(hook.id);
    expect(reply.status).toBe(200);
    expect(reply.body.status_code).toBe(statusCode);
    expect(reply.body.body).toMatch(body);
  });
});

describe('job deliveries', () => {
  const createJob = async (tasks: object[]) => (await ctx.api.send('POST', '/api/2.1/jobs/create', { body: { name: 'on-event', tasks } })).body.job_id as number;

  // Before issue 11 any job id "existed"; now the job is created first, as in a real workspace.
  it('POST the emulator\'s own jobs/run-now with the access token and the notebook payload', async () => {
    const jobId = await createJob([{ task_key: 'n', notebook_task: { notebook_path: '/on-event' } }]);
    const hook = await create(ctx.api, jobHook({ job_spec: { job_id: String(jobId), access_token: ADMIN } }));
    const reply = await testHook(hook.id);
    expect(reply.status).toBe(200);
    expect(reply.body.status_code).toBe(200);
    const answer = JSON.parse(reply.body.body);
    expect(answer).toEqual({ run_id: expect.any(Number), number_in_job: answer.run_id });
    const runs = (await ctx.api.send('GET', '/__emulator/runs')).body.runs;
    expect(runs).toHaveLength(1);
    expect(runs[0].job_id).toBe(String(jobId));
    expect(runs[0].request.job_id).toBe(jobId);
    const message = JSON.parse(runs[0].request.notebook_params.event_message);
    expect(message).toMatchObject({ event: 'MODEL_VERSION_TRANSITIONED_TO_PRODUCTION', webhook_id: hook.id, to_stage: 'Production' });
  });

  it.each([
    ['a notebook task', [{ task_key: 'a', notebook_task: { notebook_path: '/x' } }], ['notebook_params']],
    ['a Python-wheel task', [{ task_key: 'a', python_wheel_task: { package_name: 'p', entry_point: 'e' } }], ['notebook_params']],
    ['a Python task', [{ task_key: 'a', spark_python_task: { python_file: 'x.py' } }], ['python_params']],
    ['a JAR task', [{ task_key: 'a', spark_jar_task: { main_class_name: 'M' } }], ['python_params']],
    ['a spark-submit task', [{ task_key: 'a', spark_submit_task: { parameters: [] } }], ['python_params']],
    ['an SQL task', [{ task_key: 'a', sql_task: { warehouse_id: 'w' } }], []],
    ['two tasks', [{ task_key: 'a', notebook_task: { notebook_path: '/x' } }, { task_key: 'b', sql_task: {} }],
      ['jar_params', 'notebook_params', 'python_named_params', 'python_params', 'spark_submit_params']],
  ])('a job with %s gets the GUIDE\'s payload form', async (_name, tasks, keys) => {
    const jobId = await createJob(tasks);
    const hook = await create(ctx.api, jobHook({ job_spec: { job_id: String(jobId), access_token: ADMIN } }));
    expect((await testHook(hook.id)).body.status_code).toBe(200);
    const request = (await ctx.api.send('GET', '/__emulator/runs')).body.runs.at(-1).request;
    expect(Object.keys(request).sort()).toEqual(['job_id', ...keys].sort());
    const payload = request.notebook_params?.event_message ?? request.python_params?.[0];
    if (keys.length > 0) expect(JSON.parse(payload)).toMatchObject({ webhook_id: hook.id });
    if (keys.length === 5) {
      for (const text of [request.python_named_params.event_message, request.jar_params[0], request.spark_submit_params[0]]) expect(text).toBe(payload);
    }
  });

  it('run-now for a job that does not exist is reported as the Jobs API\'s 400', async () => {
    const hook = await create(ctx.api, jobHook({ job_spec: { job_id: '987654321', access_token: ADMIN } }));
    const reply = await testHook(hook.id);
    expect(reply.body.status_code).toBe(400);
    expect(JSON.parse(reply.body.body)).toEqual({ error_code: 'INVALID_PARAMETER_VALUE', message: 'Job 987654321 does not exist.' });
  });

  it('an access token the workspace does not accept comes back as the run-now 403', async () => {
    const hook = await create(ctx.api, jobHook({ job_spec: { job_id: '1', access_token: 'not-a-token' } }));
    const reply = await testHook(hook.id);
    expect(reply.body.status_code).toBe(403);
    expect(JSON.parse(reply.body.body)).toEqual({ error_code: 403, message: 'Invalid access token.' });
  });

  it('goes to workspace_url when set', async () => {
    const hook = await create(ctx.api, jobHook({ job_spec: { job_id: '5', access_token: 'remote-token', workspace_url: receiver.url } }));
    await testHook(hook.id);
    const got = receiver.received.at(-1)!;
    expect(got.url).toBe('/api/2.0/jobs/run-now');
    expect(got.headers.authorization).toBe('Bearer remote-token');
    expect(JSON.parse(got.body.toString())).toMatchObject({ job_id: 5, notebook_params: { event_message: expect.any(String) } });
  });
});
