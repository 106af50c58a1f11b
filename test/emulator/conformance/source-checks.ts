// The answers the sources prescribe, as checks on replayed exchanges. Short names are those of
// shared/api/registry-webhooks.md (HOOKS), model-registry.md (REG) and auth-and-accounts.md (AUTH);
// PY-SDK is databricks-sdk 0.133.0's own code (the recorded client). Every exchange gets the check of
// its endpoint (ENDPOINT_CHECKS); every step adds what that step is about (STEP_CHECKS).

import { createHmac } from 'node:crypto';
import { expect } from 'vitest';
import type { Replayed, ReplayRun } from './replay.js';

type Check = (exchanges: readonly Replayed[], run: ReplayRun) => void | Promise<void>;

const EVENTS = [
  'MODEL_VERSION_CREATED', 'MODEL_VERSION_TRANSITIONED_STAGE', 'TRANSITION_REQUEST_CREATED', 'COMMENT_CREATED',
  'REGISTERED_MODEL_CREATED', 'MODEL_VERSION_TAG_SET', 'MODEL_VERSION_TRANSITIONED_TO_STAGING',
  'MODEL_VERSION_TRANSITIONED_TO_PRODUCTION', 'MODEL_VERSION_TRANSITIONED_TO_ARCHIVED',
  'TRANSITION_REQUEST_TO_STAGING_CREATED', 'TRANSITION_REQUEST_TO_PRODUCTION_CREATED', 'TRANSITION_REQUEST_TO_ARCHIVED_CREATED',
]; // HOOKS §3, GO model.go:4551-4575
const WEBHOOK_KEYS = ['id', 'model_name', 'description', 'events', 'status', 'creation_timestamp', 'last_updated_timestamp', 'http_url_spec', 'job_spec']; // HOOKS §2

/** The recorded status, and for errors the envelope {error_code, message} (HOOKS §3; REG §9). */
export function checkEveryAnswer(r: Replayed): void {
  const where = `${r.exchange.step}: ${r.sent.method} ${r.sent.path}`;
  expect(r.status, where).toBe(r.exchange.response.status);
  expect(String(r.headers['content-type']), where).toMatch(/^application\/json/); // PY reads OAuth errors only as JSON (AUTH §4.2)
  if (r.status >= 400 && !r.sent.path.startsWith('/oidc/')) {
    expect(Object.keys(r.body).sort(), where).toEqual(['error_code', 'message']);
  }
  ENDPOINT_CHECKS[endpoint(r)]?.(r);
}

function endpoint(r: Replayed): string {
  // The preview path is the same API (REG §10): one check for both.
  return `${r.sent.method} ${r.sent.path.replace('/api/2.0/preview/mlflow/', '/api/2.0/mlflow/').replace(/^\/api\/2\.[12]\/jobs\//, '/api/2.x/jobs/')}`;
}

function sentJson(r: Replayed): any {
  return r.sent.body === '' ? {} : JSON.parse(r.sent.body);
}

function isOk(r: Replayed): boolean {
  return r.status === 200;
}

/** RegistryWebhook: documented keys only, write-only fields never returned (HOOKS §2). */
function expectWebhook(w: any): void {
  for (const key of Object.keys(w)) expect(WEBHOOK_KEYS).toContain(key);
  expect(w.id).toMatch(/^[0-9a-f]{32}$/); // HOOKS §2: 32 lower-case hex is the safest id form
  for (const key of ['creation_timestamp', 'last_updated_timestamp']) {
    expect(Number.isSafeInteger(w[key])).toBe(true); // epoch milliseconds
    expect(Math.abs(w[key] - Date.now())).toBeLessThan(86_400_000);
  }
  expect(w.last_updated_timestamp).toBeGreaterThanOrEqual(w.creation_timestamp);
  expect(w.events.length).toBeGreaterThan(0);
  for (const event of w.events) expect(EVENTS).toContain(event);
  expect(['ACTIVE', 'DISABLED', 'TEST_MODE']).toContain(w.status);
  expect((w.http_url_spec === undefined) !== (w.job_spec === undefined)).toBe(true);
  if (w.http_url_spec) expect(Object.keys(w.http_url_spec).sort()).toEqual(['enable_ssl_verification', 'url']); // HttpUrlSpecWithoutSecret
  if (w.job_spec) {
    expect(Object.keys(w.job_spec).every((k) => k === 'job_id' || k === 'workspace_url')).toBe(true); // JobSpecWithoutSecret
    expect(typeof w.job_spec.job_id).toBe('string'); // "job_id is a string in this API"
  }
}

/** The webhook answered for a create or update carries what the request set (HOOKS §2 create/update). */
function expectAsRequested(w: any, req: any): void {
  for (const key of ['model_name', 'description', 'status']) if (req[key] !== undefined) expect(w[key]).toBe(req[key]);
  if (req.events) expect(w.events).toEqual(req.events);
  if (req.http_url_spec) {
    expect(w.http_url_spec).toEqual({ url: req.http_url_spec.url, enable_ssl_verification: req.http_url_spec.enable_ssl_verification ?? true });
  }
  if (req.job_spec) expect(w.job_spec.job_id).toBe(String(req.job_spec.job_id));
}

const ENDPOINT_CHECKS: Record<string, (r: Replayed) => void> = {
  // AUTH §4.3, REG §11: unauthenticated, oidc_endpoint is what PY derives discovery_url from.
  'GET /.well-known/databricks-config': (r) => {
    expect(r.sent.headers.authorization).toBeUndefined();
    expect(r.body.oidc_endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oidc$/);
  },
  // AUTH §4.1: the SDKs read authorization_endpoint and token_endpoint.
  'GET /oidc/.well-known/oauth-authorization-server': (r) => {
    expect(r.sent.headers.authorization).toBeUndefined();
    expect(r.body.token_endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oidc\/v1\/token$/);
    expect(r.body.authorization_endpoint).toMatch(/\/oidc\/v1\/authorize$/);
  },
  // HOOKS §6, AUTH §4.2: form-encoded client_credentials with Basic auth; access_token, token_type, expires_in.
  'POST /oidc/v1/token': (r) => {
    expect(new URLSearchParams(r.sent.body).get('grant_type')).toBe('client_credentials');
    expect(r.sent.headers.authorization).toMatch(/^Basic /);
    expect(r.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: expect.any(Number), scope: 'all-apis' });
    expect(r.headers['cache-control']).toBe('no-store');
  },
  // HOOKS §2 create: {"webhook": RegistryWebhook}.
  'POST /api/2.0/mlflow/registry-webhooks/create': (r) => {
    if (!isOk(r)) return;
    expect(Object.keys(r.body)).toEqual(['webhook']);
    expectWebhook(r.body.webhook);
    expectAsRequested(r.body.webhook, sentJson(r));
  },
  // HOOKS §2 update: {"webhook"}; partial update keeps what was not sent.
  'PATCH /api/2.0/mlflow/registry-webhooks/update': (r) => {
    if (!isOk(r)) return;
    expect(Object.keys(r.body)).toEqual(['webhook']);
    expectWebhook(r.body.webhook);
    const { id, ...changes } = sentJson(r);
    expect(r.body.webhook.id).toBe(id);
    expectAsRequested(r.body.webhook, changes);
  },
  // HOOKS §1, §4: filters in the query (or the old docs' JSON body on GET); both keys omitempty;
  // `events` matches ANY; never an empty page with a token.
  'GET /api/2.0/mlflow/registry-webhooks/list': (r) => {
    if (!isOk(r)) return;
    for (const key of Object.keys(r.body)) expect(['webhooks', 'next_page_token']).toContain(key);
    const webhooks = r.body.webhooks ?? [];
    if (r.body.next_page_token !== undefined) expect(webhooks.length).toBeGreaterThan(0);
    const query = new URLSearchParams(r.sent.query);
    const filter = r.sent.query === '' ? sentJson(r) : { model_name: query.get('model_name') ?? undefined, events: query.getAll('events'), max_results: query.get('max_results') ?? undefined };
    for (const w of webhooks) {
      expectWebhook(w);
      if (filter.model_name) expect(w.model_name).toBe(filter.model_name);
      if (filter.events?.length) expect(w.events.some((e: string) => filter.events.includes(e))).toBe(true);
    }
    // REG §10: the legacy proto's default page is 1000; max_results caps a page.
    expect(webhooks.length).toBeLessThanOrEqual(Number(filter.max_results ?? 1000));
  },
  // HOOKS §2 delete: {} (APIDOC).
  'DELETE /api/2.0/mlflow/registry-webhooks/delete': (r) => {
    if (isOk(r)) expect(r.body).toEqual({});
  },
  // HOOKS §2 test: the flat {status_code, body} (APIDOC test page; GO, PY, JS types).
  'POST /api/2.0/mlflow/registry-webhooks/test': (r) => {
    if (!isOk(r)) return;
    expect(Object.keys(r.body).sort()).toEqual(['body', 'status_code']);
    expect(Number.isInteger(r.body.status_code)).toBe(true);
    expect(typeof r.body.body).toBe('string');
  },
  // PY-SDK jobs.py CreateResponse {job_id: int}.
  'POST /api/2.x/jobs/create': (r) => {
    expect(r.body).toEqual({ job_id: expect.any(Number) });
  },
  // PY-SDK jobs.py RunNowResponse: number_in_job "is set to the same value as run_id".
  'POST /api/2.x/jobs/run-now': (r) => {
    if (isOk(r)) expect(r.body).toEqual({ run_id: expect.any(Number), number_in_job: r.body.run_id });
  },
};

/** Outcomes of a step that must fail: status, error_code and, where the client recorded it, its class. */
function failsWith(status: number, code: string | number, clientClass?: string, message?: RegExp): Check {
  return (exchanges) => {
    const last = exchanges.at(-1)!;
    expect(last.status).toBe(status);
    expect(last.body.error_code).toBe(code);
    if (message) expect(last.body.message).toMatch(message);
    // PY-SDK errors/platform.py ERROR_CODE_MAPPING (and STATUS_CODE_MAPPING for the numeric 403);
    // the JS SDK reports ApiError with the error_code.
    const outcome = last.exchange.client_outcome;
    if (clientClass && outcome && !outcome.startsWith('ApiError') && !outcome.startsWith('RestException')) expect(outcome).toBe(clientClass);
    if (outcome?.startsWith('ApiError') || outcome?.startsWith('RestException')) expect(outcome).toMatch(new RegExp(` ${code}$`));
  };
}

const ok: Check = (exchanges) => {
  expect(exchanges.length).toBeGreaterThan(0);
  for (const r of exchanges) expect(r.status, `${r.sent.method} ${r.sent.path}`).toBe(200);
  const outcome = exchanges[0].exchange.client_outcome;
  if (outcome !== undefined) expect(outcome).toBe('ok');
};

/** Discovery before anything else, without a token (AUTH §4.3: PY >= 0.94 fetches it on every Config). */
const discovers: Check = (exchanges, run) => {
  ok(exchanges, run);
  expect(exchanges[0].sent.path).toBe('/.well-known/databricks-config');
};

/** A list walked to the end: pages chained by next_page_token, the last without one (HOOKS §4). */
const walksAllPages: Check = (exchanges, run) => {
  ok(exchanges, run);
  exchanges.forEach((r, i) => {
    const token = new URLSearchParams(r.sent.query).get('page_token') ?? (r.sent.query === '' ? sentJson(r).page_token : null);
    if (i === 0) expect(token ?? undefined).toBeUndefined();
    else expect(token).toBe(exchanges[i - 1].body.next_page_token);
  });
  expect(exchanges.at(-1)!.body.next_page_token).toBeUndefined();
  const ids = exchanges.flatMap((r) => (r.body.webhooks ?? []).map((w: { id: string }) => w.id));
  expect(new Set(ids).size).toBe(ids.length);
};

/** The test call really delivered to the receiver and reports its answer (GUIDE: "returns the received status code and body"). */
const testedHttp: Check = async (exchanges, run) => {
  ok(exchanges, run);
  expect(exchanges.at(-1)!.body).toEqual({ status_code: 200, body: 'OK' });
  const deliveries = (await run.admin('/__emulator/deliveries')).deliveries;
  const id = sentJson(exchanges.at(-1)!).id;
  const delivery = deliveries.findLast((d: { webhook_id: string }) => d.webhook_id === id);
  expect(delivery).toMatchObject({ kind: 'http', status_code: 200 });
  expect(delivery.url.startsWith(run.receiverUrl)).toBe(true);
  const requestedEvent = sentJson(exchanges.at(-1)!).event;
  if (requestedEvent) expect(delivery.event).toBe(requestedEvent); // "If event is given it is used" (GO model.go:5899)
  // HOOKS §5 (GUIDE "Security"): X-Databricks-Signature = hex HMAC-SHA256 of the body, keyed with the
  // hook's secret, only when one is set; Authorization as configured.
  const spec = createdSpec(run, id);
  const signature = delivery.headers['x-databricks-signature'];
  if (spec.secret) expect(signature).toBe(createHmac('sha256', spec.secret).update(JSON.stringify(delivery.payload)).digest('hex'));
  else expect(signature).toBeUndefined();
  expect(delivery.headers.authorization).toBe(spec.authorization ? '***' : undefined);
  expect(delivery.payload).toMatchObject({ event: delivery.event, webhook_id: id, event_timestamp: expect.any(Number) });
};

/** The http_url_spec a replayed create (or a later update) gave the hook. */
function createdSpec(run: ReplayRun, id: string): { secret?: string; authorization?: string } {
  const writes = run.replayed.filter((r) => r.status === 200 && r.body?.webhook?.id === id && sentJson(r).http_url_spec);
  return sentJson(writes.at(-1)!).http_url_spec;
}

/** A job hook's test is the run-now answer of the job (HOOKS §5, UNVERIFIED form): a run was recorded. */
const testedJob: Check = async (exchanges, run) => {
  ok(exchanges, run);
  const answer = exchanges.at(-1)!.body;
  expect(answer.status_code).toBe(200);
  const runNow = JSON.parse(answer.body);
  const runs = (await run.admin('/__emulator/runs')).runs;
  const recorded = runs.find((r: { run_id: number }) => r.run_id === runNow.run_id);
  expect(recorded.request.job_id).toEqual(expect.any(Number)); // run-now takes job_id as a number (REG §7)
  expect(Object.keys(recorded.request).some((k) => k.endsWith('_params'))).toBe(true);
};

/** The JS SDK 0.17 sends PATCH with no body (HOOKS §7): the emulator answers 400 INVALID_PARAMETER_VALUE. */
const patchWithoutBody: Check = (exchanges, run) => {
  expect(exchanges[0].sent.body).toBe('');
  failsWith(400, 'INVALID_PARAMETER_VALUE')(exchanges, run);
};

/** The legacy client sends DELETE's id in a JSON body (REG §10), on the preview path. */
const legacy = (inner: Check): Check => (exchanges, run) => {
  for (const r of exchanges) expect(r.sent.path.startsWith('/api/2.0/preview/mlflow/registry-webhooks/')).toBe(true);
  return inner(exchanges, run);
};

const deletedById: Check = (exchanges, run) => {
  ok(exchanges, run);
  const r = exchanges[0];
  const id = new URLSearchParams(r.sent.query).get('id') ?? sentJson(r).id; // query (SDKs) or body (legacy, curl)
  expect(id).toMatch(/^[0-9a-f]{32}$/);
};

export const STEP_CHECKS: Record<string, Check> = {
  'pat-client': discovers,
  'user-client': discovers,
  'bad-token-client': discovers,
  // PY ≥ 0.101 finds the OIDC endpoints only through host metadata (AUTH §4.3): no DATABRICKS_DISCOVERY_URL needed.
  'm2m-client': (exchanges, run) => {
    discovers(exchanges, run);
    expect(exchanges.map((r) => r.sent.path)).toEqual(['/.well-known/databricks-config', '/oidc/.well-known/oauth-authorization-server']);
  },
  'm2m-list': (exchanges, run) => {
    ok(exchanges, run);
    const token = exchanges.find((r) => r.sent.path === '/oidc/v1/token')!;
    const list = exchanges.at(-1)!;
    expect(list.sent.headers.authorization).toBe(`Bearer ${token.body.access_token}`);
  },
  'jobs-create': ok,
  'create-http': ok,
  'create-job': ok,
  'create-more-0': ok,
  'create-more-1': ok,
  'create-more-2': ok,
  'create-registry-wide': legacy(ok),
  create: ok,
  'create-as-printed': failsWith(400, 'MALFORMED_REQUEST'), // the guide's line lacks a comma; code UNVERIFIED (REG §9)
  // REG §1: create model → {registered_model: Model}; create version → {model_version}, version a string.
  'registry-create-model': (exchanges, run) => {
    ok(exchanges, run);
    const sent = sentJson(exchanges[0]);
    expect(exchanges[0].body.registered_model).toMatchObject({ name: sent.name, description: sent.description, creation_timestamp: expect.any(Number) });
  },
  // REG §7: an ACTIVE hook on the model subscribed to MODEL_VERSION_CREATED gets the event, delivered
  // to its URL with the GUIDE's common fields (delivery is asynchronous, so the log is polled).
  'registry-create-version': async (exchanges, run) => {
    ok(exchanges, run);
    const version = exchanges[0].body.model_version;
    expect(version).toMatchObject({ name: 'model-0', version: '1', source: sentJson(exchanges[0]).source });
    let delivery: any;
    for (let i = 0; i < 400 && !delivery; i++) {
      delivery = (await run.admin('/__emulator/deliveries')).deliveries.find((d: any) => d.event === 'MODEL_VERSION_CREATED' && d.payload?.model_name === 'model-0');
      if (!delivery) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(delivery).toMatchObject({ kind: 'http', status_code: 200, payload: { event: 'MODEL_VERSION_CREATED', model_name: 'model-0', version: '1', webhook_id: expect.stringMatching(/^[0-9a-f]{32}$/) } });
    expect(delivery.url).toBe(`${run.receiverUrl}/more/0`);
  },
  'list-all-pages': walksAllPages,
  'list-default-page': (exchanges, run) => {
    walksAllPages(exchanges, run);
    expect(exchanges).toHaveLength(1); // 5 hooks, default page 1000 (REG §10)
  },
  'list-filtered': ok,
  list: ok,
  'list-by-event': legacy(ok),
  update: ok,
  'update-no-body': patchWithoutBody,
  'test-http': testedHttp,
  test: testedHttp,
  'test-job': testedJob,
  delete: deletedById,
  // HOOKS §7: JS SDK 0.14 sends DELETE without ?id= (and no body): 400 for the missing id, nothing deleted.
  'delete-without-query': (exchanges, run) => {
    expect(exchanges[0].sent.query).toBe('');
    failsWith(400, 'INVALID_PARAMETER_VALUE', undefined, /Missing required field: id/)(exchanges, run);
  },
  // HOOKS §3: unknown id → 404 RESOURCE_DOES_NOT_EXIST; PY maps it to ResourceDoesNotExist.
  'error-delete-unknown': failsWith(404, 'RESOURCE_DOES_NOT_EXIST', 'ResourceDoesNotExist'),
  // astronomer-providers#1254 (run-now) and PY-SDK errors/overrides.py (get): 400 "Job N does not exist.".
  'error-run-now-unknown-job': failsWith(400, 'INVALID_PARAMETER_VALUE', 'InvalidParameterValue', /^Job 987654321 does not exist\.$/),
  'error-jobs-get-unknown': failsWith(400, 'INVALID_PARAMETER_VALUE', 'ResourceDoesNotExist', /^Job 987654321 does not exist\.$/),
  // GUIDE: registry-wide hooks need a workspace admin; model hooks need CAN MANAGE (REG §8).
  'error-user-registry-wide': failsWith(403, 'PERMISSION_DENIED', 'PermissionDenied'),
  'error-user-model-without-grant': failsWith(403, 'PERMISSION_DENIED', 'PermissionDenied'),
  // HOOKS §3: a bad PAT is 403 with the numeric error_code 403 (sdk-go #873, #917).
  'error-bad-token': failsWith(403, 403, 'PermissionDenied', /^Invalid access token\.$/),
};
