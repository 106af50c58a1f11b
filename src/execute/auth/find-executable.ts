import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Env } from './auth-attributes.js';

/** The first executable called `name` on the given PATH (Windows extensions too), or null. */
export function findExecutable(env: Env, name: string): string | null {
  const exts = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    for (const ext of exts) {
      const candidate = join(dir, name + ext);
      try {
        accessSync(candidate, constants.X_OK);
        if (statSync(candidate).isFile()) return candidate;
      } catch {
        // not here
      }
    }
  }
  return null;
}

/**
 * findExecutable for one executor. Every workspace's auth chain looks for `databricks` (an Azure
 * host's for `az` too), so a statement over 50 workspaces searched PATH 50 times: one file check per
 * PATH directory each, 11–17 ms before its first request (bench B7). An answer is reused for
 * `maxAgeMs`: long enough for one statement, short enough that a CLI installed during a shell
 * session is found by a later statement.
 */
export function recentExecutables(env: Env, maxAgeMs = 5_000, now: () => number = Date.now): (name: string) => string | null {
  const known = new Map<string, { readonly path: string | null; readonly at: number }>();
  return (name) => {
    const hit = known.get(name);
    if (hit !== undefined && now() - hit.at < maxAgeMs) return hit.path;
    const path = findExecutable(env, name);
    known.set(name, { path, at: now() });
    return path;
  };
}
