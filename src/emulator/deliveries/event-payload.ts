// The mock event a `test` call delivers. Field names follow the GUIDE's payload examples (event,
// webhook_id, event_timestamp, model_name, version, text, plus per-event fields). Payloads for events
// the GUIDE does not show (TRANSITION_REQUEST_*, REGISTERED_MODEL_CREATED, ..._TO_*) are UNVERIFIED
// guesses in the same style.

import type { StoredWebhook, WebhookEvent } from '../webhooks/webhook-types.js';

/** Registry-wide hooks have no model; the mock event needs one. */
const MOCK_MODEL = 'emulator-test-model';
const MOCK_VERSION = '1';

export type EventPayload = Record<string, unknown>;

export function buildEventPayload(webhook: StoredWebhook, event: WebhookEvent, now = Date.now()): EventPayload {
  const model = webhook.model_name ?? MOCK_MODEL;
  const base = { event, webhook_id: webhook.id, event_timestamp: now, model_name: model };
  if (event === 'REGISTERED_MODEL_CREATED') {
    return { ...base, text: `Registered model '${model}' was created.` };
  }
  const version = { ...base, version: MOCK_VERSION };
  const toStage = stageOf(event);
  switch (event) {
    case 'MODEL_VERSION_CREATED':
      return { ...version, text: `A new version ${MOCK_VERSION} of registered model '${model}' was created.` };
    case 'MODEL_VERSION_TAG_SET':
      return {
        ...version,
        tags: [{ key: 'key1', value: 'value1' }],
        text: `example@example.com set version tag(s) 'key1' => 'value1' for registered model '${model}' version ${MOCK_VERSION}.`,
      };
    case 'COMMENT_CREATED':
      return { ...version, comment: 'This is a test comment.', text: `A user commented on registered model '${model}' version ${MOCK_VERSION}.` };
    case 'TRANSITION_REQUEST_CREATED':
    case 'TRANSITION_REQUEST_TO_STAGING_CREATED':
    case 'TRANSITION_REQUEST_TO_PRODUCTION_CREATED':
    case 'TRANSITION_REQUEST_TO_ARCHIVED_CREATED':
      return {
        ...version,
        to_stage: toStage,
        text: `A user requested transition of registered model '${model}' version ${MOCK_VERSION} to ${toStage}.`,
      };
    default:
      return {
        ...version,
        to_stage: toStage,
        from_stage: 'None',
        text: `Registered model '${model}' version ${MOCK_VERSION} transitioned from None to ${toStage}.`,
      };
  }
}

function stageOf(event: WebhookEvent): string {
  if (event.includes('STAGING')) return 'Staging';
  if (event.includes('ARCHIVED')) return 'Archived';
  return 'Production';
}
