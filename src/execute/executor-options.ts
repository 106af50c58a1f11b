import type { Dispatcher } from 'undici';
import type { ResponseShape } from '../definition/response-shape.js';
import type { ExecutorLimits } from './limits.js';

/** The response shape of a resource's method (definition/response-shape.ts), or null to skip checks. */
export type ShapeOf = (resource: string, method: string) => ResponseShape | null;

/** How the embedded `local` workspace is started: a base URL and the bearer token it accepts. */
export interface LocalWorkspace {
  readonly url: string;
  readonly token: string;
  close(): Promise<void>;
}

export interface ExecutorOptions {
  /** The environment credentials and `DATABRICKS_CONFIG_FILE` are read from (never argv). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** `$HOOKQL_HOME`: where the local workspace keeps `local.db`. */
  readonly homeDir: string;
  /** Most HTTP requests in flight at once across the executor (default 8). */
  readonly concurrency?: number;
  /** Most HTTP requests in flight at once to one host (default 4). */
  readonly perHostConcurrency?: number;
  /** Bounds one `call()` or one `pages()` iteration, retries and backoff included (default 120000). */
  readonly deadlineMs?: number;
  /** Bounds one HTTP exchange, body included (default 30000). */
  readonly requestTimeoutMs?: number;
  /** Tests inject a MockAgent; otherwise one keep-alive Agent (a Pool per host) is created. */
  readonly dispatcher?: Dispatcher;
  /** HOOKQL_DEBUG lines; Authorization is always shown as `***`. */
  readonly debug?: (line: string) => void;
  /** Overrides HOOKQL_MAX_RESPONSE_MB / HOOKQL_MAX_PAGES (limits.ts has the defaults). */
  readonly limits?: Partial<ExecutorLimits>;
  /** Validates every 2xx body against its method's declared shape (the engine derives it from the YAML). */
  readonly shapeOf?: ShapeOf;
  /** How `local` is started; default: the in-process emulator on `homeDir/local.db`. */
  readonly startLocal?: () => Promise<LocalWorkspace>;
}

export const DEFAULT_CONCURRENCY = 8;
export const DEFAULT_DEADLINE_MS = 120_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
