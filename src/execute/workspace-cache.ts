import type { ServerDef } from '../definition/types.js';
import type { ResolvedWorkspace } from './credentials.js';

export interface WorkspaceCache {
  (name: string, server?: ServerDef): Promise<ResolvedWorkspace>;
  /** The workspace if it has been resolved already (then nothing needs awaiting), else undefined. */
  settled(name: string, server?: ServerDef): ResolvedWorkspace | undefined;
}

/** Resolves each workspace name (or account id) once per executor (reading ~/.databrickscfg once, not per request). */
export function createWorkspaceCache(resolve: (name: string, server: ServerDef | undefined) => Promise<ResolvedWorkspace>): WorkspaceCache {
  const cache = new Map<string, Promise<ResolvedWorkspace>>();
  const done = new Map<string, ResolvedWorkspace>();
  const keyOf = (name: string, server: ServerDef | undefined) => `${server?.kind ?? 'workspace'}\n${name}`;
  const get = (name: string, server?: ServerDef): Promise<ResolvedWorkspace> => {
    const key = keyOf(name, server);
    let pending = cache.get(key);
    if (!pending) {
      const started = resolve(name, server);
      pending = started;
      // A failure is not cached: the user may fix the config file and run the statement again.
      started.then(
        (ws) => cache.get(key) === started && done.set(key, ws),
        () => cache.delete(key),
      );
      cache.set(key, started);
    }
    return pending;
  };
  return Object.assign(get, { settled: (name: string, server?: ServerDef) => done.get(keyOf(name, server)) });
}
