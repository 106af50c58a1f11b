// What the shell needs from the outside world. The CLI main passes the process streams and the
// real createEngine; tests pass PassThrough streams and a fake engine, so the shell runs in-process.

import type { OutputFormat } from '../render-result.js';
import type { ShellEngine, ShellEngineOptions } from './engine-port.js';

export interface ShellIo {
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly env: Record<string, string | undefined>;
  setExitCode(code: number): void;
  createEngine(options: ShellEngineOptions): ShellEngine;
}

export interface ShellOptions {
  readonly output?: OutputFormat;
  /** Used when a statement leaves `workspace` out. Interactive sessions default to `local`. */
  readonly workspace?: string;
  readonly vars?: Readonly<Record<string, string>>;
  readonly timing?: boolean;
}
