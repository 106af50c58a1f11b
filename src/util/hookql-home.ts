// Where hookql keeps its state ($HOOKQL_HOME, default ~/.hookql): the local workspace's database,
// the shell history and the definition cache. Read from the injected env, so tests never touch the
// real home directory.

import { homedir } from 'node:os';
import { join } from 'node:path';

export function hookqlHome(env: Readonly<Record<string, string | undefined>>): string {
  return env.HOOKQL_HOME || join(env.HOME || homedir(), '.hookql');
}

/** Where validated resource definitions are cached (see definition/definition-cache.ts). */
export function definitionCacheDir(home: string): string {
  return join(home, 'cache');
}
