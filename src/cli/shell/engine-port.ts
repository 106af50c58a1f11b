// The part of the engine the shell uses, declared here as a port (STYLE habit 9): the real
// `createEngine` from src/engine.ts fits it structurally, and tests pass a small fake.

import type { Registry } from '../../definition/types.js';
import type { Progress, StatementResult } from '../../result.js';

export interface ShellEngineOptions {
  env?: Record<string, string | undefined>;
  /** $HOOKQL_HOME: the local workspace's state; the shell keeps its history there too. */
  homeDir?: string;
  debug?: (line: string) => void;
  /** Called while pages are fetched; the shell draws it as a progress line on a TTY. */
  onProgress?: (p: Progress) => void;
}

export interface ShellRunOptions {
  vars?: Record<string, string>;
  /** Aborting cancels in-flight requests; run() then rejects with CancelledError. */
  signal?: AbortSignal;
  /** The `.workspace` setting: used when a statement leaves the workspace out. */
  defaultWorkspace?: string;
  /** `.partial on`: keep the rows of the workspaces that answered (StatementResult.failures). */
  partial?: boolean;
}

export interface ShellEngine {
  readonly registry: Registry;
  run(sql: string, options?: ShellRunOptions): Promise<StatementResult[]>;
  /** Plans without sending (history decides from it whether a statement carries a secret). */
  plan?(sql: string, options?: ShellRunOptions): unknown[];
  close(): Promise<void>;
}
