import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { LocalWorkspace } from './executor-options.js';

/**
 * Starts the embedded emulator on `homeDir/local.db`, with a fresh random token for this process.
 * Imported lazily: only statements on `local` pay for loading the emulator. `allowHttpTargets`:
 * receivers under local development are plain http. `idSeed` ($HOOKQL_EMULATOR_SEED) makes its webhook
 * ids reproducible, for the checked transcripts in the docs.
 */
export async function defaultStartLocal(homeDir: string, idSeed?: string): Promise<LocalWorkspace> {
  const { startEmulator } = await import('../emulator/index.js');
  await mkdir(homeDir, { recursive: true });
  const token = randomBytes(24).toString('hex');
  const server = await startEmulator({ dbPath: join(homeDir, 'local.db'), token, allowHttpTargets: true, idSeed });
  return { url: server.url, token, close: () => server.close() };
}
