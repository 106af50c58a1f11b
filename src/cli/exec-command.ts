// `hookql exec "<sql>" | -f file.sql` — run a script, print each result as its statement finishes.

import { Command, Option } from 'commander';
import { UsageError } from '../errors.js';
import { envSecrets, isDebug, type CliIo } from './io.js';
import { collectVar, parseFormat, parsePositiveInt } from './options.js';
import { ProgressLine } from './progress-line.js';
import { readInput } from './read-input.js';
import { renderError, exitCodeOf } from './render-error.js';
import { renderResult, type OutputFormat } from './render-result.js';
import { failureLines } from './render-failures.js';

interface ExecFlags {
  file?: string;
  var?: Record<string, string>;
  output: OutputFormat;
  timeout?: number;
  concurrency?: number;
  perHostConcurrency?: number;
  partial?: boolean;
}

export function execCommand(io: CliIo): Command {
  return new Command('exec')
    .description('run SQL statements against model registry resources')
    .argument('[sql...]', 'the SQL script (statements separated by ;)')
    // See sqlArgument(): a script may start with a `--` comment line.
    .allowUnknownOption()
    .option('-f, --file <file>', 'read the SQL from a file (- for stdin)')
    .option('--var <name=value>', 'fill {{ name }} placeholders (repeatable)', collectVar)
    .addOption(new Option('-o, --output <format>', 'table | json | jsonl | csv | text').default('table').argParser(parseFormat))
    .option('--timeout <seconds>', 'overall deadline per statement (default 120)', parsePositiveInt('--timeout'))
    .option('--concurrency <n>', 'requests in flight for fan-out and multi-row writes (default 8)', parsePositiveInt('--concurrency'))
    .option('--per-host-concurrency <n>', 'requests in flight to one workspace (default 4)', parsePositiveInt('--per-host-concurrency'))
    .option('--partial', 'over several workspaces: return the rows of those that answered, one error line per failed one (exit 1)')
    .action(async (words: string[], flags: ExecFlags) => {
      io.setExitCode(await runScript(io, await readSql(io, sqlArgument(words), flags.file), flags));
    });
}

/**
 * The SQL argument. A script that starts with a comment line (`hookql exec "$(cat deploy.sql)"`)
 * starts with `--`, which commander would refuse as an unknown option (found by the fuzz suite), so
 * unknown options arrive here: a word that spans lines is SQL, a one-line `--word` a mistyped option.
 */
function sqlArgument(words: readonly string[]): string | undefined {
  const option = words.find((w) => w.startsWith('-') && !w.includes('\n'));
  if (option !== undefined) throw new UsageError(`unknown option '${option}'`, { hint: 'hookql exec --help lists the options' });
  if (words.length > 1) throw new UsageError(`expected the SQL as one argument, got ${words.length}`, { hint: 'quote the whole script: hookql exec "SELECT …; INSERT …"' });
  return words[0];
}

async function readSql(io: CliIo, sql: string | undefined, file: string | undefined): Promise<string> {
  if (sql !== undefined && file !== undefined) throw new UsageError('give the SQL as an argument or with -f, not both');
  if (sql !== undefined) return sql;
  if (file === undefined) throw new UsageError('no SQL given', { hint: 'hookql exec "SELECT …" or hookql exec -f script.sql' });
  return readInput(io.stdin, file, 'SQL file');
}


/** Runs a script and prints each result as its statement finishes; returns the exit code. */
export async function runScript(io: CliIo, sql: string, flags: ExecFlags): Promise<number> {
  const debug = isDebug(io.env);
  // The same spinner as the shell's: on a terminal only, after a short delay.
  const progress = new ProgressLine(io.stderr);
  const engine = io.createEngine({
    env: io.env,
    concurrency: flags.concurrency,
    perHostConcurrency: flags.perHostConcurrency,
    deadlineMs: flags.timeout === undefined ? undefined : flags.timeout * 1000,
    debug: debug ? (line) => io.stderr.write(`debug: ${line}\n`) : undefined,
    onProgress: (p) => progress.update(p),
  });
  try {
    progress.start();
    let code = 0;
    for await (const result of engine.stream(sql, { vars: flags.var ?? {}, partial: flags.partial === true })) {
      progress.stop();
      // Fit the terminal when there is one; a pipe or file gets every character.
      if (result.columns.length > 0) io.stdout.write(renderResult(result, flags.output, { width: io.stdout.isTTY ? (io.stdout.columns ?? 120) : Infinity }));
      if (result.summary !== null) io.stderr.write(result.summary + '\n');
      // A partial result is a failed command: its rows are printed, but the exit status says so.
      if (result.failures !== undefined && result.failures.length > 0) {
        io.stderr.write(failureLines(result.failures, envSecrets(io.env)));
        code = 1;
      }
      progress.start();
    }
    return code;
  } catch (e) {
    progress.stop();
    io.stderr.write(renderError(e, { debug, secrets: envSecrets(io.env) }));
    return exitCodeOf(e);
  } finally {
    progress.stop();
    await engine.close();
  }
}
