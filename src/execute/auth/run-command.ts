import { createRequire } from 'node:module';
import type { Env } from './auth-attributes.js';

export interface CommandResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a CLI without a shell (arguments are never re-parsed), bounded in time and output. */
export function runCommand(command: string, args: readonly string[], env: Env, timeoutMs: number, signal: AbortSignal): Promise<CommandResult> {
  // Required here, not imported: node:child_process (with dgram and the socket list) is a few ms of
  // start-up for every statement, and only the CLI-based sign-ins (databricks, az) run a program.
  const { execFile } = createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
  return new Promise((resolve, reject) => {
    execFile(
      command,
      [...args],
      { env: env as NodeJS.ProcessEnv, timeout: timeoutMs, maxBuffer: 1 << 20, signal, windowsHide: true },
      (error, stdout, stderr) => {
        if (error && typeof (error as NodeJS.ErrnoException).code === 'string' && (error as NodeJS.ErrnoException).code !== 'ABORT_ERR') {
          // ENOENT, EACCES: the program could not be started at all.
          return reject(error);
        }
        if (error && signal.aborted) return reject(error);
        const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : null) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}
