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
  /** Optional non-admin token (user@example.com): manages the hooks of models it has CAN_MANAGE on. */
  userToken?: string;
  /** Models the --user-token user has CAN_MANAGE on from the start (configuration: survives a reset). */
  userCanManage?: readonly string[];
  /** OAuth M2M client credentials accepted by POST /oidc/v1/token. */
  clientId?: string;
  clientSecret?: string;
  /** Accept http://127.0.0.1 and http://localhost hook URLs (the real service wants HTTPS). */
  allowHttpTargets?: boolean;
  /**
   * Deliver to private (10/8, 172.16/12, 192.168/16, fc00::/7) and link-local addresses too; without
   * it (or allowHttpTargets for loopback) such targets are refused — see deliveries/target-policy.ts.
   */
  allowPrivateTargets?: boolean;
  /** Fault spec, e.g. 'latency=20,503=0.1,drop-after=0.02,seed=7'. */
  faults?: string;
  /** Lifetime of the M2M tokens issued by /oidc/v1/token; default 3600. */
  tokenTtlSeconds?: number;
  /** Outgoing delivery timeout; default 10 000 ms like the real service. Tests lower it. */
  deliveryTimeoutMs?: number;
  /** Retries of real event deliveries; default 4 attempts, 1 s doubling. Tests shorten it. */
  deliveryRetry?: { readonly attempts: number; readonly baseDelayMs: number };
  /** Derive webhook ids from this seed and the webhook's content instead of at random, so the same
   * creates on a fresh state give the same ids (reproducible docs and demos). */
  idSeed?: string;
  /** Account mode: also serve the accounts API of this account, listing these workspaces. */
  account?: AccountOptions;
  /** Accept token exchange (workload identity federation) of JWTs from this issuer. */
  federation?: { readonly issuer: string; readonly audience?: string };
}

export interface AccountOptions {
  readonly id: string;
  /** The account's workspaces: each a base URL (another emulator), optionally named and with a status. */
  readonly workspaces: readonly { readonly url: string; readonly name?: string; readonly status?: string }[];
}

export interface RunningEmulator {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  readonly port: number;
  /** Replace the fault spec at run time (throws on a bad spec, keeping the old one). */
  setFaults(spec: string): void;
  close(): Promise<void>;
}

export type Role = 'admin' | 'user';

export interface Principal {
  readonly role: Role;
  /** The user (or service principal) the token belongs to; grants name it. */
  readonly userName: string;
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
  /** Sent as JSON; a JsonText (wire/json-text.ts) is sent as the text it holds. */
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;
