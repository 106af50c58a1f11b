// What a delivery sends, built from the hook's stored (secret-bearing) spec (GUIDE, "Webhook payload",
// "Security"). Kept apart from the HTTP call so it can be read and tested on its own.

import { createHmac } from 'node:crypto';
import type { StoredJob } from '../jobs/job-store.js';
import { runNowBody, runNowForm } from '../jobs/run-now-body.js';
import { buildEventPayload, type EventPayload } from './event-payload.js';
import type { StoredWebhook, WebhookEvent } from '../webhooks/webhook-types.js';

export interface DeliveryRequest {
  readonly kind: 'http' | 'job';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The exact bytes sent (the signature covers these). */
  readonly body: string;
  readonly payload: unknown;
  readonly verifyTls: boolean;
}

const USER_AGENT = 'hookql-emulator'; // the real service's User-Agent is UNVERIFIED

/** The emulator's own jobs, for hooks whose job lives in this workspace. */
export type LocalJobs = (jobId: number) => StoredJob | undefined;

export function buildDeliveryRequest(webhook: StoredWebhook, event: WebhookEvent, emulatorUrl: string, localJobs: LocalJobs): DeliveryRequest {
  return deliveryRequestFor(webhook, buildEventPayload(webhook, event), emulatorUrl, localJobs);
}

/** The request carrying a given payload (a real registry event's, or the test call's mock one). */
export function deliveryRequestFor(webhook: StoredWebhook, payload: EventPayload, emulatorUrl: string, localJobs: LocalJobs): DeliveryRequest {
  if (webhook.job_spec) return jobRequest(webhook.job_spec, payload, emulatorUrl, localJobs);
  const spec = webhook.http_url_spec;
  if (!spec) throw new Error(`webhook ${webhook.id} has neither spec`);
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': USER_AGENT };
  // Signature: lower-case hex HMAC-SHA256 of the exact body bytes, sent only when a secret is set.
  if (spec.secret) headers['x-databricks-signature'] = signBody(spec.secret, body);
  // Authorization is passed verbatim; an empty one means "no header" (GO doc).
  if (spec.authorization) headers.authorization = spec.authorization;
  return { kind: 'http', url: spec.url, headers, body, payload, verifyTls: spec.enable_ssl_verification };
}

export function signBody(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body, 'utf8').digest('hex');
}

/**
 * Job hooks POST run-now to the target workspace (or this one) with the job's access token. The GUIDE
 * does not give the API version; /api/2.0/jobs/run-now and the Bearer form are UNVERIFIED. The body
 * takes the form of the job's task type when the job is this workspace's (jobs/run-now-body.ts).
 */
function jobRequest(spec: NonNullable<StoredWebhook['job_spec']>, payload: EventPayload, emulatorUrl: string, localJobs: LocalJobs): DeliveryRequest {
  const base = (spec.workspace_url ?? emulatorUrl).replace(/\/+$/, '');
  const jobId = Number.isSafeInteger(Number(spec.job_id)) ? Number(spec.job_id) : spec.job_id;
  // run-now takes job_id as a number, while job_spec carries it as a string (model-registry.md §7).
  const local = base === emulatorUrl && typeof jobId === 'number' ? localJobs(jobId) : undefined;
  const request = runNowBody(jobId, runNowForm(local), JSON.stringify(payload));
  return {
    kind: 'job',
    url: `${base}/api/2.0/jobs/run-now`,
    headers: { 'content-type': 'application/json', 'user-agent': USER_AGENT, authorization: `Bearer ${spec.access_token}` },
    body: JSON.stringify(request),
    payload: request,
    verifyTls: true,
  };
}
