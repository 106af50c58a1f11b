// The command tree. Every command prints through `io` and reports its status with setExitCode;
// errors thrown by actions are rendered here, once.

import { Command, CommanderError } from 'commander';
import { envSecrets, isDebug, type CliIo } from './io.js';
import { exitCodeOf, renderError } from './render-error.js';
import { VERSION } from '../version.js';
import { COMMAND_HELP, PROGRAM_HELP } from './help-text.js';

/**
 * Each command's module is imported only when it may run: `hookql exec "SHOW …"` must not pay for
 * the shell, apply (cli-progress, manifests), or the emulator (its server, SQLite store, undici).
 * The order here is the order `hookql --help` lists them in.
 */
const COMMANDS: Readonly<Record<string, (io: CliIo) => Promise<Command>>> = {
  exec: async (io) => (await import('./exec-command.js')).execCommand(io),
  shell: async (io) => (await import('./shell/index.js')).shellCommand(io),
  plan: async (io) => (await import('./plan-command.js')).planCommand(io),
  apply: async (io) => (await import('./apply-command.js')).applyCommand(io),
  emulator: async (io) => (await import('./emulator-command.js')).emulatorCommand(io),
  export: async (io) => (await import('./export-command.js')).exportCommand(io),
  serve: async (io) => (await import('./serve-command.js')).serveCommand(io),
  mcp: async (io) => (await import('./mcp-command.js')).mcpCommand(io),
  snapshot: async (io) => (await import('./snapshot-command.js')).snapshotCommand(io),
  completion: async (io) => (await import('./completion-command.js')).completionCommand(io, () => otherCommands(io)),
};

/** Every command but `completion`, for the completion script to describe. */
function otherCommands(io: CliIo): Promise<Command[]> {
  return Promise.all(Object.keys(COMMANDS).filter((n) => n !== 'completion').map((name) => COMMANDS[name](io).then(withHelp)));
}

/** Examples (and exit codes) after each command's own usage; see help-text.ts. */
function withHelp(command: Command): Command {
  const text = COMMAND_HELP[command.name()];
  return text === undefined ? command : command.addHelpText('after', text);
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<void> {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    io.stdout.write(await versionText(io));
    io.setExitCode(0);
    return;
  }
  const program = new Command('hookql')
    .description('SQL for Databricks MLflow Model Registry webhooks, with a local workspace emulator')
    .version(VERSION, '-V, --version', 'the version, and those of the resource definitions')
    .addHelpText('after', PROGRAM_HELP)
    .showHelpAfterError('(run hookql --help for usage)')
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .exitOverride();
  try {
    for (const command of await commandsFor(argv, io)) {
      program.addCommand(withHelp(command).exitOverride().configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) }));
    }
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and --version end with code 0; every other commander error is a usage error (2).
      io.setExitCode(e.exitCode === 0 ? 0 : 2);
      return;
    }
    io.stderr.write(renderError(e, { debug: isDebug(io.env), secrets: envSecrets(io.env) }));
    io.setExitCode(exitCodeOf(e));
  }
}

/**
 * When argv starts with a command's exact name, commander dispatches to that command alone, so
 * only it is built. Anything else (`--help`, `help exec`, no command, a typo commander suggests a
 * fix for) needs the whole tree, exactly as before.
 */
async function commandsFor(argv: readonly string[], io: CliIo): Promise<Command[]> {
  const first = argv[0];
  const names = first !== undefined && Object.hasOwn(COMMANDS, first) ? [first] : Object.keys(COMMANDS);
  return Promise.all(names.map((name) => COMMANDS[name](io)));
}

/**
 * `hookql --version`: the package version alone on the first line (what scripts read), then each
 * resource definition with its own version and file, so a bug report says which YAML was loaded.
 */
async function versionText(io: CliIo): Promise<string> {
  try {
    const { loadRegistry } = await import('../definition/index.js');
    const { definitionCacheDir, hookqlHome } = await import('../util/hookql-home.js');
    const registry = loadRegistry([], { cacheDir: definitionCacheDir(hookqlHome(io.env)) });
    const defs = [...registry.resources.values()];
    const width = Math.max(...defs.map((d) => d.id.length));
    const lines = defs.map((d) => `  ${d.id.padEnd(width)}  ${d.version ?? 'unversioned'}  ${d.source}`);
    return `${VERSION}\nresource definitions:\n${lines.join('\n')}\n`;
  } catch (e) {
    return `${VERSION}\nresource definitions: not loaded (${(e as Error).message.split('\n')[0]})\n`;
  }
}
