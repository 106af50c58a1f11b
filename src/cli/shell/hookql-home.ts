// Where hookql keeps its state ($HOOKQL_HOME, default ~/.hookql): the local workspace's database
// and the shell history. Read from the injected env so tests never touch the real home directory.

import { homedir } from 'node:os';
import { join } from 'node:path';

export function hookqlHome(env: Record<string, string | undefined>): string {
  const explicit = env.HOOKQL_HOME;
  if (explicit) return explicit;
  return join(env.HOME || homedir(), '.hookql');
}
