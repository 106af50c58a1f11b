// Shapes shared by the emulator's modules. The public ones (EmulatorOptions, RunningEmulator) are
// re-exported from index.ts; the rest stay inside src/emulator/.

import type { IncomingHttpHeaders } from 'node:http';

export interface EmulatorOptions {
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** 0 = any free port (the default). */
  port?: number;
  /** SQLite file for the state; ':memory:' (the default for the library) keeps nothing. */
  dbPath?: string;
  /** The admin token (a workspace admin's PAT); default 'dev-token'. */
  token?: string;
  /** Optional non-admin token: may manage model-scoped hooks, not registry-wide ones. */
  userToken?: string;
  /** OAuth M2M client credentials accepted by POST /oidc/v1/token. */
  clientId?: string;
  clientSecret?: string;
  /** Accept http://127.0.0.1 and http://localhost hook URLs (the real service wants HTTPS). */
  allowHttpTargets?: boolean;
  /** Fault spec, e.g. 'latency=20,503=0.1,drop-after=0.02,seed=7'. */
  faults?: string;
  /** Lifetime of the M2M tokens issued by /oidc/v1/token; default 3600. */
  tokenTtlSeconds?: number;
  /** Outgoing delivery timeout; default 10 000 ms like the real service. Tests lower it. */
  deliveryTimeoutMs?: number;
  /** Derive webhook ids from this seed and their sequence number instead of at random, so the same
   * requests on a fresh state give the same ids (reproducible docs and demos). */
  idSeed?: string;
}

export interface RunningEmulator {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  readonly port: number;
  /** Replace the fault spec at run time (throws on a bad spec, keeping the old one). */
  setFaults(spec: string): void;
  close(): Promise<void>;
}

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

export type Role = 'admin' | 'user';

export interface Principal {
  readonly role: Role;
}

export interface RequestContext {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** The body decoded as UTF-8 ('' when there is none). */
  readonly text: string;
  /** Set on every route except the public OAuth ones. */
  readonly principal?: Principal;
}

export interface Reply {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;
