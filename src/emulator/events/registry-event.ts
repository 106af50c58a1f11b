// A registry action's event, before it is addressed to any hook: the event names it triggers, the
// facts every payload carries, and the Slack-ready `text` (GUIDE "Example payloads";
// api/model-registry.md §7). Payload shapes for the undocumented events are the contract's
// suggested ones (UNVERIFIED).

import type { EventPayload } from '../deliveries/event-payload.js';
import type { Tag } from '../registry/registry-types.js';
import type { WebhookEvent } from '../webhooks/webhook-types.js';

export interface RegistryEvent {
  /** Every name this action triggers: a hook subscribed to several gets one delivery per name (UNVERIFIED). */
  readonly events: readonly WebhookEvent[];
  readonly model_name: string;
  readonly version?: string;
  /** Event-specific payload fields (to_stage, from_stage, comment, tags). */
  readonly fields: Readonly<Record<string, unknown>>;
  readonly text: string;
}

/** The body one hook receives for one event name. */
export function eventPayload(event: RegistryEvent, name: WebhookEvent, webhookId: string, timestamp: number): EventPayload {
  const payload: EventPayload = { event: name, webhook_id: webhookId, event_timestamp: timestamp, model_name: event.model_name };
  if (event.version !== undefined) payload.version = event.version;
  return { ...payload, ...event.fields, text: event.text };
}

export function modelCreated(model: string): RegistryEvent {
  // Only registry-wide hooks can subscribe to it (the webhooks API enforces that).
  return { events: ['REGISTERED_MODEL_CREATED'], model_name: model, fields: {}, text: `Registered model '${model}' was created.` };
}

export function versionCreated(model: string, version: string): RegistryEvent {
  return {
    events: ['MODEL_VERSION_CREATED'],
    model_name: model,
    version,
    fields: {},
    text: `A new version ${version} of registered model '${model}' was created.`,
  };
}

/** A stage change: the generic event, plus the TO_<stage> one (there is none for a move to None). */
export function versionTransitioned(model: string, version: string, from: string, to: string): RegistryEvent {
  const specific = stageEvent('MODEL_VERSION_TRANSITIONED_TO_', to, '');
  return {
    events: ['MODEL_VERSION_TRANSITIONED_STAGE', ...specific],
    model_name: model,
    version,
    fields: { to_stage: to, from_stage: from },
    text: `Registered model '${model}' version ${version} transitioned from ${from} to ${to}.`,
  };
}

export function transitionRequested(model: string, version: string, from: string, to: string, userId: string): RegistryEvent {
  const specific = stageEvent('TRANSITION_REQUEST_TO_', to, '_CREATED');
  return {
    events: ['TRANSITION_REQUEST_CREATED', ...specific],
    model_name: model,
    version,
    fields: { to_stage: to, from_stage: from },
    text: `${userId} requested a transition of registered model '${model}' version ${version} from ${from} to ${to}.`,
  };
}

export function commentCreated(model: string, version: string, comment: string): RegistryEvent {
  return {
    events: ['COMMENT_CREATED'],
    model_name: model,
    version,
    fields: { comment },
    text: `A user commented on registered model '${model}' version ${version}.`,
  };
}

export function versionTagSet(model: string, version: string, tags: readonly Tag[], userId: string): RegistryEvent {
  const listed = tags.map((t) => `'${t.key}' => '${t.value}'`).join(', ');
  return {
    events: ['MODEL_VERSION_TAG_SET'],
    model_name: model,
    version,
    fields: { tags: tags.map((t) => ({ key: t.key, value: t.value })) },
    text: `${userId} set version tag(s) ${listed} for registered model '${model}' version ${version}.`,
  };
}

function stageEvent(prefix: string, stage: string, suffix: string): WebhookEvent[] {
  if (stage === 'None') return [];
  return [`${prefix}${stage.toUpperCase()}${suffix}` as WebhookEvent];
}
