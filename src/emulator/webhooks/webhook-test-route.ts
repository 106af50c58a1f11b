// POST /registry-webhooks/test: really delivers a mock event to the hook's target and answers with
// the receiver's status and body, flat: {"status_code", "body"} (the current SDK shape; the old
// {"webhook": {...}} wrapper is not emitted).

import { ApiError, invalidParameter } from '../wire/api-error.js';
import { requireAdminFor } from '../auth/authenticator.js';
import { DeliveryFailed } from '../deliveries/deliver.js';
import { buildDeliveryRequest } from '../deliveries/delivery-request.js';
import type { EmulatorContext } from '../emulator-context.js';
import { parseJsonObject } from '../wire/parse-json.js';
import { existing } from './find-webhook.js';
import { WEBHOOKS_BASE } from './webhook-routes.js';
import type { RouteTable } from '../emulator-context.js';
import type { Handler } from '../types.js';
import type { StoredWebhook, WebhookEvent } from './webhook-types.js';
import { isWebhookEvent, rejectUnknownFields, requiredString } from './validate-fields.js';

export function webhookTestRoutes(ctx: EmulatorContext): RouteTable {
  return { [`${WEBHOOKS_BASE}/test`]: { POST: testHandler(ctx) } };
}

function testHandler(ctx: EmulatorContext): Handler {
  return async (req) => {
    const body = parseJsonObject(req.text);
    if (body === undefined) throw invalidParameter('Missing required field: id');
    rejectUnknownFields(body, ['id', 'event']);
    const webhook = existing(ctx, requiredString(body, 'id'));
    requireAdminFor(req.principal, webhook.model_name);
    // ACTIVE and TEST_MODE hooks can be tested; DISABLED ones send nothing (the error code is UNVERIFIED).
    if (webhook.status === 'DISABLED') {
      throw new ApiError(400, 'INVALID_STATE', `Webhook '${webhook.id}' is DISABLED and cannot be tested.`);
    }
    const event = chooseEvent(webhook, body.event);
    const target = buildDeliveryRequest(webhook, event, ctx.baseUrl());
    try {
      const outcome = await ctx.deliverer.deliver(target, webhook.id, event);
      return { status: 200, body: { status_code: outcome.status_code, body: outcome.body } };
    } catch (error) {
      if (!(error instanceof DeliveryFailed)) throw error;
      // What the real service answers when the receiver is unreachable is UNVERIFIED; a 400 with the
      // reason tells the caller what went wrong without looking retryable.
      throw invalidParameter(`Delivery of ${event} to ${target.url} failed: ${error.message}`);
    }
  };
}

/**
 * The given event, which must be one of the hook's (as OSS MLflow checks); otherwise the hook's first
 * event. The real service picks "a randomly chosen event"; the first keeps runs reproducible.
 */
function chooseEvent(webhook: StoredWebhook, given: unknown): WebhookEvent {
  if (given === undefined || given === null) return webhook.events[0];
  if (!isWebhookEvent(given)) throw invalidParameter(`Invalid value '${String(given).slice(0, 100)}' for 'event'.`);
  if (!webhook.events.includes(given)) {
    throw invalidParameter(`Event ${given} is not one of the events of webhook '${webhook.id}'.`);
  }
  return given;
}
