import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ensurePrivateDir, ensurePrivateFile, tightenDatabaseFiles } from '../util/private-files.js';
import type { LocalWorkspace } from './executor-options.js';

/**
 * Starts the embedded emulator on `homeDir/local.db`, with a fresh random token for this process.
 * Imported lazily: only statements on `local` pay for loading the emulator. `allowHttpTargets`:
 * receivers under local development are plain http. `idSeed` ($HOOKQL_EMULATOR_SEED) makes the ids it
 * assigns reproducible, for the checked transcripts in the docs.
 */
export async function defaultStartLocal(homeDir: string, idSeed?: string): Promise<LocalWorkspace> {
  const { startEmulator } = await import('../emulator/index.js');
  // local.db holds write-only secrets in clear: the folder is 0700 and the file 0600 before SQLite opens it.
  ensurePrivateDir(homeDir);
  const dbPath = join(homeDir, 'local.db');
  ensurePrivateFile(dbPath);
  const token = randomBytes(24).toString('hex');
  const server = await startEmulator({ dbPath, token, allowHttpTargets: true, idSeed });
  tightenDatabaseFiles(dbPath);
  return { url: server.url, token, close: () => server.close() };
}
