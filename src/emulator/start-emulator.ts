// The composition root: open the store, wire the routes, listen. Also the only place that knows
// the defaults of EmulatorOptions.

import type { AddressInfo } from 'node:net';
import { ActivityLog } from './activity-log.js';
import { adminRoutes } from './admin-routes.js';
import { Authenticator } from './auth.js';
import { Deliverer, DEFAULT_DELIVERY_TIMEOUT_MS } from './deliver.js';
import type { EmulatorContext } from './emulator-context.js';
import { FaultInjector } from './fault-injector.js';
import { createEmulatorServer } from './http-server.js';
import { JobRunStore } from './job-run-store.js';
import { Router } from './router.js';
import { jobRoutes } from './routes-jobs.js';
import { oauthRoutes, PUBLIC_PATHS } from './routes-oauth.js';
import { webhookTestRoutes } from './routes-webhook-test.js';
import { webhookRoutes } from './routes-webhooks.js';
import { openDatabase } from './store.js';
import { TokenStore } from './token-store.js';
import type { EmulatorOptions, RunningEmulator } from './types.js';
import { WebhookStore } from './webhook-store.js';

export const DEFAULT_ADMIN_TOKEN = 'dev-token';

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  // Parse the faults before opening anything, so a bad spec fails fast and leaks nothing.
  const faults = new FaultInjector(options.faults ?? '');
  const host = options.host ?? '127.0.0.1';
  const db = openDatabase(options.dbPath ?? ':memory:');
  const log = new ActivityLog();
  const tokens = new TokenStore(db);
  let baseUrl = '';
  const ctx: EmulatorContext = {
    webhooks: new WebhookStore(db, options.idSeed),
    runs: new JobRunStore(db),
    tokens,
    auth: new Authenticator({ adminToken: options.token ?? DEFAULT_ADMIN_TOKEN, userToken: options.userToken }, tokens),
    faults,
    log,
    deliverer: new Deliverer(log.deliveries, options.deliveryTimeoutMs ?? DEFAULT_DELIVERY_TIMEOUT_MS),
    rules: { allowHttpTargets: options.allowHttpTargets ?? false },
    oauth: { clientId: options.clientId, clientSecret: options.clientSecret, ttlSeconds: options.tokenTtlSeconds ?? 3600 },
    baseUrl: () => baseUrl,
  };
  const routes = { ...webhookRoutes(ctx), ...webhookTestRoutes(ctx), ...jobRoutes(ctx), ...oauthRoutes(ctx), ...adminRoutes(ctx) };
  const server = createEmulatorServer(ctx, new Router(routes, PUBLIC_PATHS, ctx.auth));
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
    close: () => (closing ??= shutdown(server, ctx.deliverer, () => db.close())),
  };
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
async function shutdown(server: ReturnType<typeof createEmulatorServer>, deliverer: Deliverer, closeDb: () => void): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await deliverer.close();
  await closed;
  closeDb();
}
