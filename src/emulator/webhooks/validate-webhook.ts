// Create and update bodies → validated values, following the contract (api/registry-webhooks.md §2-3).

import { invalidParameter } from '../wire/api-error.js';
import type { JsonObject } from '../wire/parse-json.js';
import type { NewWebhook, StoredWebhook, WebhookChanges, WebhookEvent } from './webhook-types.js';
import {
  optionalString,
  requiredString,
  validateEvents,
  validateHttpUrlSpec,
  validateJobSpec,
  validateStatus,
  type TargetRules,
} from './validate-fields.js';

// Unknown fields are ignored, not refused: every value stored is picked by name, so an extra field
// changes nothing. Whether the real service refuses them is UNVERIFIED; the legacy proto is proto2 with
// every field optional, and a 400 for a field a newer client sends would break that client.
// model_name is not in UpdateRegistryWebhook; it is tolerated only when it repeats the stored value
// (a client that sends the whole object back), and refused when it would change the model.

export interface ParsedUpdate {
  readonly id: string;
  readonly modelName?: string;
  readonly changes: WebhookChanges;
}

export function validateCreate(body: JsonObject | undefined, rules: TargetRules): NewWebhook {
  if (body === undefined) throw invalidParameter('Missing required field: events');
  if (body.events === undefined || body.events === null) throw invalidParameter('Missing required field: events');
  const events = validateEvents(body.events);
  // "" is what an omitempty client never sends; treat it as "registry-wide" rather than a model called "".
  const modelName = optionalString(body, 'model_name') || undefined;
  checkRegisteredModelCreated(events, modelName);
  const specs = exactlyOneSpec(body, rules, 'create');
  if (!specs.http_url_spec && !specs.job_spec) {
    throw invalidParameter('One of http_url_spec or job_spec must be specified.');
  }
  return {
    model_name: modelName,
    description: optionalString(body, 'description'),
    events,
    status: validateStatus(body.status) ?? 'ACTIVE',
    ...specs,
  };
}

/** PATCH bodies: `id` is required (the JS SDK sends PATCH with no body at all, which lands here as 400). */
export function parseUpdate(body: JsonObject | undefined, rules: TargetRules): ParsedUpdate {
  if (body === undefined) throw invalidParameter('Missing required field: id');
  const id = requiredString(body, 'id');
  const events = body.events === undefined || body.events === null ? undefined : validateEvents(body.events);
  return {
    id,
    modelName: optionalString(body, 'model_name') || undefined,
    changes: {
      description: optionalString(body, 'description'),
      events,
      status: validateStatus(body.status),
      ...exactlyOneSpec(body, rules, 'update'),
    },
  };
}

/** The checks that need the stored webhook. */
export function checkUpdateAgainst(stored: StoredWebhook, update: ParsedUpdate): void {
  if (update.modelName !== undefined && update.modelName !== stored.model_name) {
    throw invalidParameter("'model_name' cannot be changed by update; create a new webhook instead.");
  }
  if (update.changes.events) checkRegisteredModelCreated(update.changes.events, stored.model_name);
}

/** REGISTERED_MODEL_CREATED has no model to be scoped to, so it is only valid on registry-wide hooks. */
function checkRegisteredModelCreated(events: readonly WebhookEvent[], modelName: string | undefined): void {
  if (modelName !== undefined && events.includes('REGISTERED_MODEL_CREATED')) {
    throw invalidParameter('Event REGISTERED_MODEL_CREATED can only be used by registry-wide webhooks (without model_name).');
  }
}

function exactlyOneSpec(body: JsonObject, rules: TargetRules, verb: string): Pick<NewWebhook, 'http_url_spec' | 'job_spec'> {
  const hasHttp = body.http_url_spec !== undefined && body.http_url_spec !== null;
  const hasJob = body.job_spec !== undefined && body.job_spec !== null;
  if (hasHttp && hasJob) {
    throw invalidParameter(`http_url_spec and job_spec cannot both be specified in the same ${verb} request.`);
  }
  if (hasHttp) return { http_url_spec: validateHttpUrlSpec(body.http_url_spec, rules) };
  if (hasJob) return { job_spec: validateJobSpec(body.job_spec, rules) };
  return {};
}
