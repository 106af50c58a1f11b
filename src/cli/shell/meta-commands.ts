// The dot commands (`.output json`, `.workspace prod`, …): they change the session's settings and
// never reach the engine. Errors are UsageErrors, shown like any other error (exit code 2 in scripts).

import { UsageError } from '../../errors.js';
import { didYouMean } from '../../util/suggest.js';
import { exitCodeOf } from '../render-error.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../render-result.js';
import { helpText } from './meta-help.js';
import type { Registry } from '../../definition/types.js';
import type { ShellOutput } from './shell-output.js';
import { REDACTED } from '../../util/redact.js';
import { secretDetector } from './history-secrets.js';
import type { ShellState } from './shell-state.js';

export interface MetaContext {
  readonly state: ShellState;
  readonly out: ShellOutput;
  readonly registry: Registry;
  /** `.read FILE`: runs the file's statements and meta commands in this session. */
  runFile(path: string, signal: AbortSignal): Promise<number>;
  quit(): void;
}

type Handler = (ctx: MetaContext, arg: string, signal: AbortSignal) => number | Promise<number>;

const HANDLERS: Readonly<Record<string, Handler>> = {
  '.help': (ctx) => (ctx.out.data(helpText(ctx.state, ctx.registry)), 0),
  '.output': setOutput,
  '.workspace': setWorkspace,
  '.vars': (ctx) => (ctx.out.data(varsText(ctx.state, ctx.registry)), 0),
  '.set': setVar,
  '.unset': unsetVar,
  '.timing': setTiming,
  '.partial': setPartial,
  '.read': (ctx, arg, signal) => {
    if (arg === '') throw new UsageError('.read needs a file name', { hint: 'e.g. .read queries/inventory.sql' });
    return ctx.runFile(unquote(arg), signal);
  },
  '.quit': (ctx) => (ctx.quit(), 0),
};

// Aliases for muscle memory from sqlite3 (.exit) and psql (\q, \?).
const ALIASES: Readonly<Record<string, string>> = { '.exit': '.quit', '\\q': '.quit', '\\?': '.help', '.h': '.help' };

export const META_COMMANDS: readonly string[] = Object.keys(HANDLERS);

export async function runMeta(ctx: MetaContext, line: string, signal: AbortSignal): Promise<number> {
  const match = /^(\S+)\s*(.*)$/s.exec(line.trim().replace(/;\s*$/, ''));
  const word = (match?.[1] ?? '').toLowerCase();
  const name = ALIASES[word] ?? word;
  const handler = HANDLERS[name];
  try {
    if (handler === undefined) {
      const guess = didYouMean(word, META_COMMANDS);
      throw new UsageError(`unknown command '${word}'`, { hint: `${guess ? guess + ' ' : ''}.help lists the commands` });
    }
    return await handler(ctx, (match?.[2] ?? '').trim(), signal);
  } catch (e) {
    ctx.out.error(e);
    return exitCodeOf(e);
  }
}

function setOutput(ctx: MetaContext, arg: string): number {
  if (arg === '') return ctx.out.data(`output format: ${ctx.state.format}\n`), 0;
  const format = arg.toLowerCase();
  if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown output format '${arg}'`, { hint: `use one of ${OUTPUT_FORMATS.join(', ')}` });
  }
  ctx.state.format = format as OutputFormat;
  ctx.out.info(`output format: ${format}`);
  return 0;
}

function setWorkspace(ctx: MetaContext, arg: string): number {
  if (arg === '') {
    ctx.out.data(`workspace: ${ctx.state.workspace ?? '(none: statements must name one)'}\n`);
    return 0;
  }
  // `-` clears it: after that a statement without `workspace = …` fails with a missing-param error.
  ctx.state.workspace = arg === '-' ? null : unquote(arg);
  ctx.out.info(ctx.state.workspace === null ? 'no default workspace' : `default workspace: ${ctx.state.workspace}`);
  return 0;
}

function setVar(ctx: MetaContext, arg: string): number {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:\s+(.*))?$/s.exec(arg);
  if (match === null || match[2] === undefined) {
    throw new UsageError(`.set needs a name and a value, got '${arg}'`, { hint: ".set model churn-model  →  {{ model }} in statements" });
  }
  ctx.state.vars[match[1]] = unquote(match[2].trim());
  ctx.out.info(`{{ ${match[1]} }} = ${shown(ctx.registry, match[1], ctx.state.vars[match[1]])}`);
  return 0;
}

function unsetVar(ctx: MetaContext, arg: string): number {
  if (!(arg in ctx.state.vars)) {
    const guess = didYouMean(arg, Object.keys(ctx.state.vars));
    throw new UsageError(`no variable '${arg}'`, { hint: guess || '.vars lists them' });
  }
  delete ctx.state.vars[arg];
  return 0;
}

function setTiming(ctx: MetaContext, arg: string): number {
  const value = arg.toLowerCase();
  if (value !== '' && value !== 'on' && value !== 'off') throw new UsageError(`.timing takes on or off, got '${arg}'`);
  ctx.state.timing = value === '' ? !ctx.state.timing : value === 'on';
  ctx.out.info(`timing ${ctx.state.timing ? 'on' : 'off'}`);
  return 0;
}

function setPartial(ctx: MetaContext, arg: string): number {
  const value = arg.toLowerCase();
  if (value !== '' && value !== 'on' && value !== 'off') throw new UsageError(`.partial takes on or off, got '${arg}'`);
  ctx.state.partial = value === '' ? !ctx.state.partial : value === 'on';
  ctx.out.info(`partial results ${ctx.state.partial ? 'on: failed workspaces are listed, the others answer' : 'off: one failed workspace fails the statement'}`);
  return 0;
}

function varsText(state: ShellState, registry: Registry): string {
  const names = Object.keys(state.vars).sort();
  if (names.length === 0) return '(no variables: .set NAME VALUE defines one for {{ NAME }})\n';
  return names.map((n) => `${n} = ${shown(registry, n, state.vars[n])}\n`).join('');
}

/** A variable's value as printed: *** when it is, or holds, a secret (the same test as history). */
function shown(registry: Registry, name: string, value: string): string {
  return secretDetector(registry)(`.set ${name} ${value}`) ? REDACTED : value;
}

/** 'a b' or "a b" → a b: the value may be quoted to keep spaces at its ends. */
function unquote(s: string): string {
  return /^(['"]).*\1$/s.test(s) && s.length >= 2 ? s.slice(1, -1) : s;
}
