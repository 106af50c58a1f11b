// `hookql shell`: the interactive SQL prompt, or a script runner when stdin is not a terminal.

import { Command, Option } from 'commander';
import { collectVar, parseFormat } from '../options.js';
import { runShell } from './run-shell.js';
import type { OutputFormat } from '../render-result.js';
import type { ShellIo } from './shell-io.js';

interface ShellFlags {
  output: OutputFormat;
  workspace?: string;
  var?: Record<string, string>;
  timing?: boolean;
}

export function shellCommand(io: ShellIo): Command {
  return new Command('shell')
    .description('interactive SQL shell (reads statements from stdin when it is not a terminal)')
    .addOption(new Option('-o, --output <format>', 'table | json | jsonl | csv | text').default('table').argParser(parseFormat))
    .option('-w, --workspace <name>', "workspace for statements that name none (at a terminal: 'local')")
    .option('--var <name=value>', 'fill {{ name }} placeholders (repeatable; .set in the shell)', collectVar)
    .option('--timing', 'print time, API requests and rows fetched after each statement')
    .action(async (flags: ShellFlags) => {
      io.setExitCode(await runShell(io, { output: flags.output, workspace: flags.workspace, vars: flags.var, timing: flags.timing }));
    });
}
