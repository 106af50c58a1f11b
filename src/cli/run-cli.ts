// The command tree. Every command prints through `io` and reports its status with setExitCode;
// errors thrown by actions are rendered here, once.

import { Command, CommanderError } from 'commander';
import { applyCommand } from './apply-command.js';
import { emulatorCommand } from './emulator-command.js';
import { execCommand } from './exec-command.js';
import { envSecrets, isDebug, type CliIo } from './io.js';
import { planCommand } from './plan-command.js';
import { exitCodeOf, renderError } from './render-error.js';
import { shellCommand } from './shell/index.js';
import { VERSION } from '../version.js';

export async function runCli(argv: readonly string[], io: CliIo): Promise<void> {
  const program = new Command('hookql')
    .description('SQL for Databricks MLflow Model Registry webhooks, with a local workspace emulator')
    .version(VERSION)
    .showHelpAfterError('(run hookql --help for usage)')
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .exitOverride();
  for (const command of [execCommand(io), shellCommand(io), planCommand(io), applyCommand(io), emulatorCommand(io)]) {
    program.addCommand(command.exitOverride().configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) }));
  }
  try {
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
