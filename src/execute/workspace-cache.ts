import type { ServerDef } from '../definition/types.js';
import type { ResolvedWorkspace } from './credentials.js';

/** Resolves each workspace name (or account id) once per executor (reading ~/.databrickscfg once, not per request). */
export function createWorkspaceCache(
  resolve: (name: string, server: ServerDef | undefined) => Promise<ResolvedWorkspace>,
): (name: string, server?: ServerDef) => Promise<ResolvedWorkspace> {
  const cache = new Map<string, Promise<ResolvedWorkspace>>();
  return (name, server) => {
    const key = `${server?.kind ?? 'workspace'}\n${name}`;
    let pending = cache.get(key);
    if (!pending) {
      pending = resolve(name, server);
      // A failure is not cached: the user may fix the config file and run the statement again.
      pending.catch(() => cache.delete(key));
      cache.set(key, pending);
    }
    return pending;
  };
}
