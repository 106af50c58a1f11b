import type { ResolvedWorkspace } from './credentials.js';

/** Resolves each workspace name once per executor (reading ~/.databrickscfg once, not per request). */
export function createWorkspaceCache(
  resolve: (name: string) => Promise<ResolvedWorkspace>,
): (name: string) => Promise<ResolvedWorkspace> {
  const cache = new Map<string, Promise<ResolvedWorkspace>>();
  return (name) => {
    let pending = cache.get(name);
    if (!pending) {
      pending = resolve(name);
      // A failure is not cached: the user may fix the config file and run the statement again.
      pending.catch(() => cache.delete(name));
      cache.set(name, pending);
    }
    return pending;
  };
}
