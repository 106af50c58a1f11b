// The emulator as its own process on a SQLite file (the built dist/emulator/main.js; the CI builds
// before it tests, locally run `npm run build`), so it can be killed with SIGKILL and restarted on
// the same state.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../../dist/emulator/main.js', import.meta.url));

export interface ChildEmulator {
  readonly url: string;
  readonly port: number;
  kill(): Promise<void>;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

/** Kills whatever is still running (afterAll). */
export function killAll(): void {
  for (const child of running) child.kill('SIGKILL');
}

/** Starts `node dist/emulator/main.js --db FILE --port PORT …` and resolves once it printed its URL. */
export function spawnEmulator(db: string, port: number, extra: readonly string[] = []): Promise<ChildEmulator> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first`);
  const child = spawn(process.execPath, [MAIN, '--port', String(port), '--db', db, ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => (running.delete(child), resolve())));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      stdout += c.toString();
      const newline = stdout.indexOf('\n');
      if (newline < 0) return;
      const url = stdout.slice(0, newline).trim();
      resolve({
        url,
        port: Number(new URL(url).port),
        kill: async () => {
          child.kill('SIGKILL');
          await exited;
        },
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      });
    });
    void exited.then(() => reject(new Error(`the emulator exited before printing its URL: ${stderr}`)));
  });
}
