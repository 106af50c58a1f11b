import type { ApiRequest } from '../plan/types.js';
import { createAuthorizer } from './authorizer.js';
import { defaultStartLocal } from './default-start-local.js';
import { recentExecutables } from './auth/find-executable.js';
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_DEADLINE_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  type ExecutorOptions,
} from './executor-options.js';
import { createHttpTransport } from './http-transport.js';
import { createKeyedLock, type KeyedLock } from './keyed-lock.js';
import { limitsFromEnv, type ExecutorLimits } from './limits.js';
import { createLocalHandle } from './local-workspace.js';
import type { Operation } from './operation.js';
import { paginate } from './paginate.js';
import { resolveWorkspace } from './resolve-workspace.js';
import { resolveAccount } from './resolve-account.js';
import { readLocalSource } from './local-source.js';
import type { ServerDef } from '../definition/types.js';
import { createSnapshotCache } from './existence-check.js';
import { runWithRetry, type RetryDeps } from './run-with-retry.js';
import { scrubText } from './scrub-secrets.js';
import { sendAttempt } from './send-attempt.js';
import type { ExecutorStats } from './types.js';
import { userAgent } from './user-agent.js';
import { createWorkspaceCache } from './workspace-cache.js';

/** Everything one executor shares across its calls. */
export interface ExecutorParts {
  readonly deadlineMs: number;
  readonly limits: ExecutorLimits;
  readonly stats: ExecutorStats;
  /** Every secret the executor knows or has used; errors and debug lines are scrubbed of them. */
  readonly secrets: ReadonlySet<string>;
  readonly retryDeps: RetryDeps;
  /** One response body (or the row a create check found), retries included. */
  readonly fetchBody: (request: ApiRequest, op: Operation) => Promise<unknown>;
  /** The workspace (or account) resolved and cached, nothing sent. */
  readonly resolve: (workspace: string, server?: ServerDef) => Promise<void>;
  /** Serialises creates that share a natural key (create-executor.ts). */
  readonly sameKey: KeyedLock;
  readonly close: () => Promise<void>;
}

/** The composition root of execute/: transport, auth, workspaces and the retry loop, wired once. */
export function wireExecutor(options: ExecutorOptions): ExecutorParts {
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const stats: ExecutorStats = { requests: 0, retries: 0, pages: 0 };
  const limits = { ...limitsFromEnv(options.env), ...options.limits };
  // Known up front from the environment; tokens from profiles, `local` and OAuth are added on use.
  const secrets = new Set(ENV_SECRETS.map((k) => options.env[k]).filter(isSecret));
  const debug = options.debug;
  const transport = createHttpTransport({
    dispatcher: options.dispatcher,
    requestTimeoutMs,
    concurrency: Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY),
    perHostConcurrency: options.perHostConcurrency,
    userAgent: userAgent(),
    maxResponseBytes: limits.maxResponseBytes,
    stats,
    debug: debug && ((line) => debug(scrubText(line, secrets))),
  });
  const local = createLocalHandle(options.startLocal ?? (() => defaultStartLocal(options.homeDir, options.env.HOOKQL_EMULATOR_SEED || undefined)));
  const ctx = { env: options.env, local: local.get, findExecutable: recentExecutables(options.env) };
  const workspace = createWorkspaceCache((name, server) =>
    server?.kind === 'account' ? resolveAccount(name, server, ctx) : resolveWorkspace(name, ctx),
  );
  const readLocal = (request: ApiRequest) =>
    request.server?.kind === 'local' ? readLocalSource(request.server.reader, request.workspace, options.env) : Promise.resolve({});
  const auth = createAuthorizer(transport, requestTimeoutMs, secrets, options.env);
  const retryDeps: RetryDeps = {
    attempt: (request, op, n) => sendAttempt(request, op, n, { workspace, readLocal, auth, transport, shapeOf: options.shapeOf }),
    listRows: (request, op) => paginate(request, op, fetchBody, limits.maxPages),
    snapshots: createSnapshotCache(),
    stats,
  };
  async function fetchBody(request: ApiRequest, op: Operation): Promise<unknown> {
    const result = await runWithRetry(request, op, retryDeps);
    return result.kind === 'found' ? result.row : result.body;
  }
  const close = async (): Promise<void> => {
    await Promise.all([transport.close(), local.close()]);
  };
  const resolve = async (name: string, server?: ServerDef): Promise<void> => {
    if (server?.kind !== 'local') await workspace(name, server);
  };
  return { deadlineMs: options.deadlineMs ?? DEFAULT_DEADLINE_MS, limits, stats, secrets, retryDeps, fetchBody, resolve, sameKey: createKeyedLock(), close };
}

/** Secret-bearing variables of every auth method (their values, and the JWT the OIDC ones exchange). */
const ENV_SECRETS = [
  'DATABRICKS_TOKEN',
  'DATABRICKS_CLIENT_SECRET',
  'ARM_CLIENT_SECRET',
  'DATABRICKS_OIDC_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
];

function isSecret(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}
