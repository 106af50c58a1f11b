// Everything a route needs, wired once in start-emulator.ts (the emulator's composition root).

import type { ActivityLog } from './activity-log.js';
import type { Authenticator } from './auth/authenticator.js';
import type { Deliverer } from './deliveries/deliver.js';
import type { DeliveryLogStore } from './events/delivery-log-store.js';
import type { EventDispatcher } from './events/event-dispatcher.js';
import type { FaultInjector } from './faults/fault-injector.js';
import type { GrantStore } from './auth/grant-store.js';
import type { Grants } from './auth/hook-permissions.js';
import type { UserStore } from './auth/user-store.js';
import type { JobRunStore } from './jobs/job-run-store.js';
import type { JobStore } from './jobs/job-store.js';
import type { Registry } from './registry/registry-context.js';
import type { TokenStore } from './oauth/token-store.js';
import type { Handler } from './types.js';
import type { AccountConfig } from './accounts/account-config.js';
import type { FederationPolicy } from './oauth/token-exchange.js';
import type { TargetRules } from './webhooks/validate-fields.js';
import type { WebhookStore } from './webhooks/webhook-store.js';

export interface EmulatorContext {
  readonly webhooks: WebhookStore;
  readonly jobs: JobStore;
  readonly runs: JobRunStore;
  readonly users: UserStore;
  readonly grants: GrantStore;
  readonly permissions: Grants;
  /** Models, versions, transition requests and comments (registry/). */
  readonly registry: Registry;
  /** Fires registry events at matching hooks (events/). */
  readonly events: EventDispatcher;
  /** Every attempt of every real event delivery. */
  readonly deliveryLog: DeliveryLogStore;
  readonly tokens: TokenStore;
  readonly auth: Authenticator;
  readonly faults: FaultInjector;
  readonly log: ActivityLog;
  readonly deliverer: Deliverer;
  readonly rules: TargetRules;
  readonly oauth: { readonly clientId?: string; readonly clientSecret?: string; readonly ttlSeconds: number; readonly federation?: FederationPolicy };
  /** Account mode (--account-id): the account this emulator's accounts API serves, else null. */
  readonly account: AccountConfig | null;
  /** The base URL, known once the server listens. */
  baseUrl(): string;
}

/** path → method → handler. Paths are matched exactly, never normalised (no `..` tricks). */
export type RouteTable = Readonly<Record<string, Readonly<Record<string, Handler>>>>;
