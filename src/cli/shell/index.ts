// `hookql shell`: mounted by the CLI (shellCommand) and driven in-process by tests (runShell).

export { shellCommand } from './shell-command.js';
export { runShell } from './run-shell.js';
export type { ShellIo, ShellOptions } from './shell-io.js';
export type { ShellEngine, ShellEngineOptions, ShellRunOptions } from './engine-port.js';
