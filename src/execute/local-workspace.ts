import { ConfigError, isHookqlError } from '../errors.js';
import type { LocalWorkspace } from './executor-options.js';

export interface LocalHandle {
  /** The embedded workspace, started on the first call and shared by every later one. */
  get(): Promise<LocalWorkspace>;
  /** Stops it if it was started. */
  close(): Promise<void>;
}

export function createLocalHandle(start: () => Promise<LocalWorkspace>): LocalHandle {
  let started: Promise<LocalWorkspace> | null = null;
  return {
    get() {
      // Concurrent first requests share one start; a failed start may be tried again later.
      started ??= start().catch((err: unknown) => {
        started = null;
        throw isHookqlError(err)
          ? err
          : new ConfigError(`the local workspace could not be started: ${(err as Error)?.message ?? String(err)}`, {
              cause: err,
              hint: 'check $HOOKQL_HOME (local.db) or use a URL workspace',
            });
      });
      return started;
    },
    async close() {
      const pending = started;
      started = null;
      if (!pending) return;
      const local = await pending.catch(() => null);
      await local?.close();
    },
  };
}
