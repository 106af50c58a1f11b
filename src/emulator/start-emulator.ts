// The composition root: open the store, wire the routes, listen. Also the only place that knows
// the defaults of EmulatorOptions.

import type { AddressInfo } from 'node:net';
import { ActivityLog } from './activity-log.js';
import { adminRoutes } from './admin/admin-routes.js';
import { Authenticator, DEFAULT_USER } from './auth/authenticator.js';
import { Deliverer, DEFAULT_DELIVERY_TIMEOUT_MS } from './deliveries/deliver.js';
import type { EmulatorContext } from './emulator-context.js';
import { FaultInjector } from './faults/fault-injector.js';
import { createEmulatorServer } from './http-server.js';
import { FAMILIES } from './families.js';
import { schemaOf } from './family.js';
import { GrantStore } from './auth/grant-store.js';
import { UserStore } from './auth/user-store.js';
import { JobRunStore } from './jobs/job-run-store.js';
import { JobStore } from './jobs/job-store.js';
import { Router } from './router.js';
import { DeliveryLogStore } from './events/delivery-log-store.js';
import { DEFAULT_RETRY, EventDispatcher } from './events/event-dispatcher.js';
import { Registry } from './registry/registry-context.js';
import { openDatabase } from './store.js';
import { TokenStore } from './oauth/token-store.js';
import type { EmulatorOptions, RunningEmulator } from './types.js';
import { WebhookStore } from './webhooks/webhook-store.js';
import { accountConfig } from './accounts/account-config.js';

export const DEFAULT_ADMIN_TOKEN = 'dev-token';
/** How long closing waits for deliveries already under way. */
const DRAIN_MS = 5000;

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  // Parse the faults before opening anything, so a bad spec fails fast and leaks nothing.
  const faults = new FaultInjector(options.faults ?? '');
  const host = options.host ?? '127.0.0.1';
  // Reachable from other machines with a token everyone knows: anyone could manage its hooks.
  if (!isLoopbackHost(host) && (options.token ?? DEFAULT_ADMIN_TOKEN) === DEFAULT_ADMIN_TOKEN) {
    throw new Error(`binding ${host} with the default admin token '${DEFAULT_ADMIN_TOKEN}' would let anyone on the network manage its webhooks: give a token of your own`);
  }
  const db = openDatabase(options.dbPath ?? ':memory:', schemaOf(FAMILIES));
  const log = new ActivityLog();
  const tokens = new TokenStore(db);
  const users = new UserStore(db);
  const grants = new GrantStore(db);
  const configured = new Map([[DEFAULT_USER, new Set(options.userCanManage ?? [])]]);
  let baseUrl = '';
  const webhooks = new WebhookStore(db, options.idSeed);
  const jobs = new JobStore(db);
  // Deliveries (test, and registry events) go only where the target policy allows (deliveries/target-policy.ts).
  const deliverer = new Deliverer(log.deliveries, options.deliveryTimeoutMs ?? DEFAULT_DELIVERY_TIMEOUT_MS, {
    allowLoopback: options.allowHttpTargets ?? false,
    allowPrivate: options.allowPrivateTargets ?? false,
    ownOrigin: () => baseUrl,
  });
  const deliveryLog = new DeliveryLogStore(db);
  const ctx: EmulatorContext = {
    webhooks,
    jobs,
    registry: new Registry(db),
    events: new EventDispatcher(webhooks, deliverer, deliveryLog, () => baseUrl, options.deliveryRetry ?? DEFAULT_RETRY, (jobId) => jobs.get(jobId)),
    deliveryLog,
    runs: new JobRunStore(db),
    users,
    grants,
    permissions: { store: grants, configured },
    tokens,
    auth: new Authenticator({ adminToken: options.token ?? DEFAULT_ADMIN_TOKEN, userToken: options.userToken, clientId: options.clientId }, tokens, users),
    faults,
    log,
    deliverer,
    rules: { allowHttpTargets: options.allowHttpTargets ?? false, allowPrivateTargets: options.allowPrivateTargets ?? false },
    oauth: { clientId: options.clientId, clientSecret: options.clientSecret, ttlSeconds: options.tokenTtlSeconds ?? 3600, federation: options.federation },
    account: options.account ? accountConfig(options.account) : null,
    baseUrl: () => baseUrl,
  };
  const tables = [...FAMILIES.map((family) => family.routes(ctx)), adminRoutes(ctx, FAMILIES)];
  const publicPaths = FAMILIES.flatMap((family) => (typeof family.publicPaths === 'function' ? family.publicPaths(ctx) : (family.publicPaths ?? [])));
  const server = createEmulatorServer(ctx, new Router(tables, publicPaths, ctx.auth));
  try {
    await listen(server, host, options.port ?? 0);
  } catch (error) {
    db.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url: baseUrl,
    port,
    setFaults: (spec) => faults.set(spec),
    close: () => (closing ??= shutdown(server, ctx, () => db.close())),
  };
}

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || /^127\./.test(host) || host === '::1';
}

function listen(server: ReturnType<typeof createEmulatorServer>, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Stop accepting, cut open connections (keep-alive ones would hold close() forever), then close the file. */
async function shutdown(server: ReturnType<typeof createEmulatorServer>, ctx: EmulatorContext, closeDb: () => void): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  // Deliveries under way finish (bounded by the delivery timeout); pending retries are dropped.
  await ctx.events.drain(DRAIN_MS);
  await ctx.deliverer.close();
  await closed;
  closeDb();
}
