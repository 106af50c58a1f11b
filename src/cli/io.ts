// The CLI's only contact with the process: streams, environment and exit status, injected so
// tests drive commands in-process.

import type { Engine, EngineOptions } from '../engine.js';

export interface CliIo {
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly env: Record<string, string | undefined>;
  /** stderr is a terminal: progress and colours are allowed. */
  readonly isTTY: boolean;
  setExitCode(code: number): void;
  createEngine(options: EngineOptions): Engine;
}

/** Secret values from the environment, scrubbed from anything the CLI prints. */
export function envSecrets(env: Record<string, string | undefined>): string[] {
  return ['DATABRICKS_TOKEN', 'DATABRICKS_CLIENT_SECRET', 'DATABRICKS_PASSWORD', 'ARM_CLIENT_SECRET', 'DATABRICKS_OIDC_TOKEN', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN']
    .map((k) => env[k])
    .filter((v): v is string => typeof v === 'string' && v.length > 0);
}

export function isDebug(env: Record<string, string | undefined>): boolean {
  return env.HOOKQL_DEBUG === '1' || env.HOOKQL_DEBUG === 'true';
}
