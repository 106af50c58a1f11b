// What a delivery sends, built from the hook's stored (secret-bearing) spec (GUIDE, "Webhook payload",
// "Security"). Kept apart from the HTTP call so it can be read and tested on its own.

import { createHmac } from 'node:crypto';
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

export function buildDeliveryRequest(webhook: StoredWebhook, event: WebhookEvent, emulatorUrl: string): DeliveryRequest {
  const payload = buildEventPayload(webhook, event);
  if (webhook.job_spec) return jobRequest(webhook.job_spec, payload, emulatorUrl);
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
 * does not give the API version; /api/2.0/jobs/run-now and the Bearer form are UNVERIFIED. The emulator
 * cannot know the job's task type, so it sends the notebook form: notebook_params.event_message.
 */
function jobRequest(spec: NonNullable<StoredWebhook['job_spec']>, payload: EventPayload, emulatorUrl: string): DeliveryRequest {
  const base = (spec.workspace_url ?? emulatorUrl).replace(/\/+$/, '');
  const jobId = Number.isSafeInteger(Number(spec.job_id)) ? Number(spec.job_id) : spec.job_id;
  const request = { job_id: jobId, notebook_params: { event_message: JSON.stringify(payload) } };
  return {
    kind: 'job',
    url: `${base}/api/2.0/jobs/run-now`,
    headers: { 'content-type': 'application/json', 'user-agent': USER_AGENT, authorization: `Bearer ${spec.access_token}` },
    body: JSON.stringify(request),
    payload: request,
    verifyTls: true,
  };
}
