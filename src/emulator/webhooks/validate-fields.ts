// Field-level checks shared by create and update. Each failure is 400 INVALID_PARAMETER_VALUE naming
// the field, like the real service's enum and required-field errors (exact wording UNVERIFIED).
// JSON null counts as "not given": the Go SDK's omitempty never sends zero values anyway.

import { literalAddress, refusal } from '../deliveries/target-policy.js';
import { invalidParameter } from '../wire/api-error.js';
import type { JsonObject } from '../wire/parse-json.js';
import { WEBHOOK_EVENTS, WEBHOOK_STATUSES, type HttpUrlSpec, type JobSpec, type WebhookEvent, type WebhookStatus } from './webhook-types.js';

export interface TargetRules {
  /** --allow-http-targets: http://127.0.0.1 and http://localhost are accepted too (and loopback over https). */
  readonly allowHttpTargets: boolean;
  /** --allow-private-targets: private and link-local addresses too (deliveries/target-policy.ts). */
  readonly allowPrivateTargets: boolean;
}

/** For the emulator's own admin API; workspace API bodies ignore unknown fields (validate-webhook.ts). */
export function rejectUnknownFields(body: JsonObject, allowed: readonly string[], where = ''): void {
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) throw invalidParameter(`Unknown field '${where}${key}'.`);
  }
}

export function optionalString(body: JsonObject, key: string, where = ''): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidParameter(`'${where}${key}' must be a string.`);
  return value;
}

export function requiredString(body: JsonObject, key: string, where = ''): string {
  const value = optionalString(body, key, where);
  if (value === undefined || value === '') throw invalidParameter(`Missing required field: ${where}${key}`);
  return value;
}

export function isWebhookEvent(value: unknown): value is WebhookEvent {
  return typeof value === 'string' && (WEBHOOK_EVENTS as readonly string[]).includes(value);
}

/** Non-empty list of known events; duplicates are dropped, order kept (UNVERIFIED: the real one may reject them). */
export function validateEvents(value: unknown): WebhookEvent[] {
  if (!Array.isArray(value)) throw invalidParameter("'events' must be a list of event names.");
  if (value.length === 0) throw invalidParameter("'events' must contain at least one event.");
  for (const event of value) {
    if (!isWebhookEvent(event)) {
      throw invalidParameter(`Invalid value '${String(event).slice(0, 100)}' for 'events'. Valid values: ${WEBHOOK_EVENTS.join(', ')}.`);
    }
  }
  return [...new Set(value as WebhookEvent[])];
}

export function validateStatus(value: unknown): WebhookStatus | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !(WEBHOOK_STATUSES as readonly string[]).includes(value)) {
    throw invalidParameter(`Invalid value '${String(value).slice(0, 100)}' for 'status'. Valid values: ${WEBHOOK_STATUSES.join(', ')}.`);
  }
  return value as WebhookStatus;
}

export function asObject(value: unknown, key: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidParameter(`'${key}' must be an object.`);
  return value as JsonObject;
}

export function validateHttpUrlSpec(value: unknown, rules: TargetRules): HttpUrlSpec {
  const spec = asObject(value, 'http_url_spec');
  const url = requiredString(spec, 'url', 'http_url_spec.');
  checkTargetUrl(url, 'http_url_spec.url', rules);
  const verify = spec.enable_ssl_verification;
  if (verify !== undefined && verify !== null && typeof verify !== 'boolean') {
    throw invalidParameter("'http_url_spec.enable_ssl_verification' must be a boolean.");
  }
  const authorization = optionalString(spec, 'authorization', 'http_url_spec.') || undefined;
  // It is sent verbatim as a header: a value no HTTP header may carry (control characters, line
  // breaks) could never be delivered, so it is refused here rather than at every delivery. The
  // real service's answer is UNVERIFIED; 400 INVALID_PARAMETER_VALUE is the likely one.
  if (authorization !== undefined && !/^[\t\x20-\x7e\x80-\xff]*$/.test(authorization)) {
    throw invalidParameter("'http_url_spec.authorization' is not a valid HTTP header value.");
  }
  return {
    url,
    // Empty strings mean "not set": no signature header, no Authorization header (GO doc).
    secret: optionalString(spec, 'secret', 'http_url_spec.') || undefined,
    authorization,
    enable_ssl_verification: verify ?? true,
  };
}

export function validateJobSpec(value: unknown, rules: TargetRules): JobSpec {
  const spec = asObject(value, 'job_spec');
  const jobId = validateJobId(spec.job_id, 'job_spec.job_id');
  const accessToken = requiredString(spec, 'access_token', 'job_spec.');
  // It becomes a header of the run-now request: CR or LF would split that request (header injection).
  if (/[\r\n\0]/.test(accessToken)) throw invalidParameter("'job_spec.access_token' must not contain line breaks or NUL.");
  const workspaceUrl = optionalString(spec, 'workspace_url', 'job_spec.') || undefined;
  if (workspaceUrl !== undefined) checkTargetUrl(workspaceUrl, 'job_spec.workspace_url', rules);
  return { job_id: jobId, access_token: accessToken, workspace_url: workspaceUrl };
}

/** job_id is a string in this API; a whole number is accepted too and stored as its decimal text. */
export function validateJobId(value: unknown, key: string): string {
  if (value === undefined || value === null || value === '') throw invalidParameter(`Missing required field: ${key}`);
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  if (typeof value === 'string' && /^\d{1,19}$/.test(value)) return value;
  throw invalidParameter(`'${key}' must be a job id (a whole number).`);
}

/** HTTPS only, like the real service ("External HTTPS URL"; TF checks IsURLWithHTTPS). */
function checkTargetUrl(text: string, key: string, rules: TargetRules): void {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalidParameter(`'${key}' is not a valid URL.`);
  }
  // A literal address (or localhost) is judged now; a name is judged on what it resolves to at delivery.
  const literal = literalAddress(url.hostname);
  const refused = literal === null ? null : refusal(literal, { allowLoopback: rules.allowHttpTargets, allowPrivate: rules.allowPrivateTargets });
  if (refused !== null && (url.protocol === 'https:' || url.protocol === 'http:')) throw invalidParameter(`'${key}' is not allowed: ${refused}.`);
  if (url.protocol === 'https:') return;
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
  if (url.protocol === 'http:' && loopback && rules.allowHttpTargets) return;
  const hint = url.protocol === 'http:' && loopback ? ' (start the emulator with --allow-http-targets to allow http://127.0.0.1)' : '';
  throw invalidParameter(`'${key}' must be an HTTPS URL${hint}.`);
}
