// POST /registry-webhooks/test: really delivers a mock event to the hook's target and answers with
// the receiver's status and body, flat: {"status_code", "body"} (the current SDK shape; the old
// {"webhook": {...}} wrapper is not emitted). It "returns the received status code and body from the
// specified URL" (GUIDE), so a receiver that cannot be reached is reported in that same form.

import { invalidParameter } from '../wire/api-error.js';
import { requireCanManageHooks } from '../auth/hook-permissions.js';
import { DeliveryFailed } from '../deliveries/deliver.js';
import { buildDeliveryRequest } from '../deliveries/delivery-request.js';
import type { EmulatorContext } from '../emulator-context.js';
import { parseJsonObject } from '../wire/parse-json.js';
import { existing } from './find-webhook.js';
import { onBothBases } from './webhook-routes.js';
import type { RouteTable } from '../emulator-context.js';
import type { Handler } from '../types.js';
import type { StoredWebhook, WebhookEvent } from './webhook-types.js';
import { isWebhookEvent, requiredString } from './validate-fields.js';

export function webhookTestRoutes(ctx: EmulatorContext): RouteTable {
  return onBothBases({ test: { POST: testHandler(ctx) } });
}

function testHandler(ctx: EmulatorContext): Handler {
  return async (req) => {
    const body = parseJsonObject(req.text);
    if (body === undefined) throw invalidParameter('Missing required field: id');
    const webhook = existing(ctx, requiredString(body, 'id'));
    requireCanManageHooks(ctx.permissions, req.principal, webhook.model_name);
    // ACTIVE and TEST_MODE hooks can be tested; DISABLED ones send nothing ("No triggers will be sent",
    // JS SDK status docs). The refusal's code is UNVERIFIED: INVALID_PARAMETER_VALUE, the contract's
    // code for a request the hook cannot serve, and what OSS MLflow answers for a wrong test event.
    if (webhook.status === 'DISABLED') {
      throw invalidParameter(`Webhook '${webhook.id}' is DISABLED and cannot be tested; set its status to ACTIVE or TEST_MODE.`);
    }
    const event = chooseEvent(webhook, body.event);
    const target = buildDeliveryRequest(webhook, event, ctx.baseUrl(), (jobId) => ctx.jobs.get(jobId));
    try {
      const outcome = await ctx.deliverer.deliver(target, webhook.id, event);
      return { status: 200, body: { status_code: outcome.status_code, body: outcome.body } };
    } catch (error) {
      if (!(error instanceof DeliveryFailed)) throw error;
      // Nothing was received, so the status is the gateway's: 504 when the receiver did not answer in
      // time, 502 when it could not be reached. Which numbers the real service reports is UNVERIFIED.
      const statusCode = error.timedOut ? 504 : 502;
      return { status: 200, body: { status_code: statusCode, body: `Delivery of ${event} to ${target.url} failed: ${error.message}` } };
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
