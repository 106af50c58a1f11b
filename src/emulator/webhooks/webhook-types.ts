// The webhook resource as the emulator stores it: events, statuses, specs (api/registry-webhooks.md).

export const WEBHOOK_EVENTS = [
  'MODEL_VERSION_CREATED',
  'MODEL_VERSION_TRANSITIONED_STAGE',
  'TRANSITION_REQUEST_CREATED',
  'COMMENT_CREATED',
  'REGISTERED_MODEL_CREATED',
  'MODEL_VERSION_TAG_SET',
  'MODEL_VERSION_TRANSITIONED_TO_STAGING',
  'MODEL_VERSION_TRANSITIONED_TO_PRODUCTION',
  'MODEL_VERSION_TRANSITIONED_TO_ARCHIVED',
  'TRANSITION_REQUEST_TO_STAGING_CREATED',
  'TRANSITION_REQUEST_TO_PRODUCTION_CREATED',
  'TRANSITION_REQUEST_TO_ARCHIVED_CREATED',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const WEBHOOK_STATUSES = ['ACTIVE', 'DISABLED', 'TEST_MODE'] as const;
export type WebhookStatus = (typeof WEBHOOK_STATUSES)[number];

/** The full http_url_spec as stored, write-only fields included. */
export interface HttpUrlSpec {
  readonly url: string;
  readonly secret?: string;
  readonly authorization?: string;
  readonly enable_ssl_verification: boolean;
}

/** The full job_spec as stored, write-only access_token included. */
export interface JobSpec {
  readonly job_id: string;
  readonly access_token: string;
  readonly workspace_url?: string;
}

/** The fields a create (or seed) supplies; the store adds id, seq and timestamps. */
export interface NewWebhook {
  readonly model_name?: string;
  readonly description?: string;
  readonly events: readonly WebhookEvent[];
  readonly status: WebhookStatus;
  readonly http_url_spec?: HttpUrlSpec;
  readonly job_spec?: JobSpec;
}

export interface StoredWebhook extends NewWebhook {
  /** Creation order; the keyset that pagination walks. Never reused (AUTOINCREMENT). */
  readonly seq: number;
  readonly id: string;
  readonly creation_timestamp: number;
  readonly last_updated_timestamp: number;
}

/** The fields an update may change; a spec given here replaces the stored one wholesale. */
export interface WebhookChanges {
  readonly description?: string;
  readonly events?: readonly WebhookEvent[];
  readonly status?: WebhookStatus;
  readonly http_url_spec?: HttpUrlSpec;
  readonly job_spec?: JobSpec;
}
