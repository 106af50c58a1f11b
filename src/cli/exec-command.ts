// `hookql exec "<sql>" | -f file.sql` — run a script, print each result as its statement finishes.

import { statSync } from 'node:fs';
import { Command, Option } from 'commander';
import { UsageError } from '../errors.js';
import { envSecrets, isDebug, type CliIo } from './io.js';
import { collectVar, parseFormat, parsePositiveInt } from './options.js';
import { ProgressLine } from './progress-line.js';
import { readInput } from './read-input.js';
import { renderError, exitCodeOf } from './render-error.js';
import { renderResult, type OutputFormat } from './render-result.js';
import type { StatementResult } from '../result.js';
import { failureLines } from './render-failures.js';

interface ExecFlags {
  file?: string;
  var?: Record<string, string>;
  output: OutputFormat;
  timeout?: number;
  concurrency?: number;
  workspace?: string;
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
    .option('-w, --workspace <name>', 'the workspace of statements that name none (default $HOOKQL_WORKSPACE)')
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
  if (sql !== undefined) {
    if (isFileName(sql)) throw new UsageError(`'${sql}' is a file, not SQL`, { hint: `to run the statements in it: hookql exec -f ${sql}` });
    return sql;
  }
  if (file === undefined) {
    // A pipe into `hookql exec` is a common slip: stdin is read only when asked for.
    const piped = io.stdin.isTTY !== true;
    throw new UsageError(piped ? 'no SQL given (stdin is read only with -f -)' : 'no SQL given', {
      hint: piped ? 'echo "SELECT …" | hookql exec -f -   or   hookql exec "SELECT …"' : 'hookql exec "SELECT …", hookql exec -f script.sql, or -f - to read stdin',
    });
  }
  return readInput(io.stdin, file, 'SQL file');
}

/** One word with no space that names an existing file: `hookql exec inventory.sql` meant `-f`. */
function isFileName(arg: string): boolean {
  if (/\s/.test(arg.trim()) || arg.trim() === '') return false;
  try {
    return statSync(arg.trim()).isFile();
  } catch {
    return false;
  }
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
  const run = { vars: flags.var ?? {}, strictVars: true, partial: flags.partial === true, defaultWorkspace: flags.workspace ?? (io.env.HOOKQL_WORKSPACE || undefined) };
  // `-o json` is always one document: a script of several statements prints an array with one
  // element per statement (see docs/sql.md, "Output formats").
  const json = flags.output === 'json' ? new JsonDocument(io.stdout, statementCount(engine, sql, run)) : null;
  try {
    progress.start();
    let code = 0;
    for await (const result of engine.stream(sql, run)) {
      progress.stop();
      // Fit the terminal when there is one; a pipe or file gets every character.
      if (json) json.add(result);
      else if (result.columns.length > 0) io.stdout.write(renderResult(result, flags.output, { width: io.stdout.isTTY ? (io.stdout.columns ?? 120) : Infinity }));
      if (result.summary !== null) io.stderr.write(result.summary + '\n');
      // A partial result is a failed command: its rows are printed, but the exit status says so.
      if (result.failures !== undefined && result.failures.length > 0) {
        io.stderr.write(failureLines(result.failures, envSecrets(io.env)));
        code = 1;
      }
      progress.start();
    }
    json?.end();
    return code;
  } catch (e) {
    progress.stop();
    json?.end();
    io.stderr.write(renderError(e, { debug, secrets: envSecrets(io.env) }));
    return exitCodeOf(e);
  } finally {
    progress.stop();
    await engine.close();
  }
}

/** How many statements the script has; 1 when it does not plan (running it reports why). */
function statementCount(engine: ReturnType<CliIo['createEngine']>, sql: string, run: { vars: Record<string, string>; strictVars: boolean; partial: boolean; defaultWorkspace?: string }): number {
  try {
    return engine.plan(sql, run).length;
  } catch {
    return 1;
  }
}

/**
 * One statement: its rows (the array of row objects, as always; nothing for a write without
 * RETURNING, whose summary is on stderr). Several: an array holding, per
 * statement in order, its array of rows ([] for a write without RETURNING). Written as results
 * arrive, and closed even when a statement fails, so stdout always parses.
 */
class JsonDocument {
  private written = 0;
  private opened = false;

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly statements: number,
  ) {}

  add(result: StatementResult): void {
    // A write without RETURNING has no columns: nothing on its own (as before), [] in a list.
    const rows = result.columns.length === 0 ? '[]' : renderResult(result, 'json').trimEnd();
    if (this.statements <= 1) {
      if (this.written === 0 && result.columns.length > 0) this.out.write(rows + '\n');
    } else {
      this.out.write((this.opened ? ',\n' : '[\n') + indent(rows));
      this.opened = true;
    }
    this.written++;
  }

  end(): void {
    if (this.statements > 1) this.out.write(this.opened ? '\n]\n' : '[]\n');
    else if (this.written === 0) return;
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => '  ' + l)
    .join('\n');
}
