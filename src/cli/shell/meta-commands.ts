// The dot commands (`.output json`, `.workspace prod`, …): they change the session's settings and
// never reach the engine. Errors are UsageErrors, shown like any other error (exit code 2 in scripts).

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnknownResourceError, UsageError } from '../../errors.js';
import { runOnTerminal } from './terminal-handoff.js';
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
  /** Runs statements and meta commands as if typed (`\d` runs DESCRIBE, `\e` the edited text). */
  runText(text: string, signal: AbortSignal): Promise<number>;
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
  '.mode': setOutput,
  '.headers': (ctx, arg) => setSwitch(ctx, arg, '.headers', 'headers', true),
  '.pager': (ctx, arg) => setSwitch(ctx, arg, '.pager', 'pager', true),
  '.expanded': setExpanded,
  '.tables': (ctx, arg, signal) => ctx.runText(`SHOW RESOURCES${arg === '' ? '' : ` LIKE '%${arg.replace(/'/g, "''")}%'`};`, signal),
  '.schema': describe,
  '.edit': edit,
  '.partial': setPartial,
  '.read': (ctx, arg, signal) => {
    if (arg === '') throw new UsageError('.read needs a file name', { hint: 'e.g. .read queries/inventory.sql' });
    return ctx.runFile(unquote(arg), signal);
  },
  '.quit': (ctx) => (ctx.quit(), 0),
};

// Aliases for muscle memory from sqlite3 (.exit) and psql (\q, \?, \d, \x, \e, \timing).
const ALIASES: Readonly<Record<string, string>> = {
  '.exit': '.quit',
  '\\q': '.quit',
  '\\?': '.help',
  '.h': '.help',
  '\\d': '.schema',
  '\\dt': '.tables',
  '\\x': '.expanded',
  '\\e': '.edit',
  '\\timing': '.timing',
};

export const META_COMMANDS: readonly string[] = Object.keys(HANDLERS);
/** What Tab offers: the commands and the psql spellings people type. */
export const META_WORDS: readonly string[] = [...META_COMMANDS, '.exit', '\\q', '\\d', '\\dt', '\\x', '\\e', '\\timing'];

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
    if (word === '\\d') return await describe(ctx, (match?.[2] ?? '').trim(), signal, '\\d');
    return await handler(ctx, (match?.[2] ?? '').trim(), signal);
  } catch (e) {
    ctx.out.error(e);
    return exitCodeOf(e);
  }
}

/** `.output FORMAT`, also spelled `.mode` (sqlite3), where `line` is the expanded table. */
function setOutput(ctx: MetaContext, arg: string): number {
  const shownFormat = () => (ctx.state.expanded && ctx.state.format === 'table' ? 'line' : ctx.state.format);
  if (arg === '') return ctx.out.data(`output format: ${shownFormat()}\n`), 0;
  const format = arg.toLowerCase();
  if (format === 'line') {
    ctx.state.format = 'table';
    ctx.state.expanded = true;
  } else if ((OUTPUT_FORMATS as readonly string[]).includes(format)) {
    ctx.state.format = format as OutputFormat;
    if (format === 'table') ctx.state.expanded = false;
  } else {
    throw new UsageError(`unknown output format '${arg}'`, { hint: `use one of ${[...OUTPUT_FORMATS, 'line'].join(', ')}` });
  }
  ctx.out.info(`output format: ${shownFormat()}`);
  return 0;
}

/** `\x [on|off]`: expanded display (one `column | value` block per row) for tables. */
function setExpanded(ctx: MetaContext, arg: string): number {
  const value = onOff(arg, '\\x');
  ctx.state.expanded = value ?? !ctx.state.expanded;
  ctx.out.info(`expanded display is ${ctx.state.expanded ? 'on' : 'off'}`);
  return 0;
}

function setSwitch(ctx: MetaContext, arg: string, command: string, key: 'headers' | 'pager', fallback: boolean): number {
  const value = onOff(arg, command);
  ctx.state[key] = value ?? !(ctx.state[key] ?? fallback);
  ctx.out.info(`${key} ${ctx.state[key] ? 'on' : 'off'}`);
  return 0;
}

function onOff(arg: string, command: string): boolean | null {
  const value = arg.toLowerCase();
  if (value === '') return null;
  if (value === 'on' || value === 'off') return value === 'on';
  throw new UsageError(`${command} takes on or off, got '${arg}'`);
}

/**
 * `\d NAME`, `.schema NAME`: DESCRIBE it, by its full id or any unambiguous tail of it
 * (`model_registry_webhooks`). `\d` alone lists the resources; `.schema` alone describes each.
 */
function describe(ctx: MetaContext, arg: string, signal: AbortSignal, command = '.schema'): Promise<number> {
  const ids = [...ctx.registry.resources.keys()];
  if (arg === '') return ctx.runText(command === '\\d' ? 'SHOW RESOURCES;' : ids.map((id) => `DESCRIBE ${id};`).join('\n'), signal);
  const name = unquote(arg).toLowerCase();
  const matches = ids.filter((id) => id === name || id.endsWith(`.${name}`));
  if (matches.length > 1) throw new UsageError(`'${arg}' could be ${matches.join(' or ')}`, { hint: 'give the full name' });
  if (matches.length === 0) {
    const guess = didYouMean(name, [...ids, ...ids.map((id) => id.slice(id.lastIndexOf('.') + 1))]);
    throw new UnknownResourceError(`no resource named '${arg}'`, { hint: `${guess ? guess + ' ' : ''}.tables lists them` });
  }
  return ctx.runText(`DESCRIBE ${matches[0]};`, signal);
}

/**
 * `\e` / `.edit`: the last statement in $VISUAL or $EDITOR (default vi); what is saved is run when
 * the editor exits with 0, as psql does. The temporary file is readable by you only and removed.
 */
async function edit(ctx: MetaContext, arg: string, signal: AbortSignal): Promise<number> {
  const handoff = ctx.out.handoff;
  if (handoff === null) throw new UsageError('\\e needs a terminal', { hint: 'edit the file and .read it instead' });
  const editor = ctx.out.env.VISUAL?.trim() || ctx.out.env.EDITOR?.trim() || 'vi';
  const dir = mkdtempSync(join(tmpdir(), 'hookql-edit-'));
  const file = join(dir, 'statement.sql');
  try {
    writeFileSync(file, arg !== '' ? '' : (ctx.state.lastStatement ?? '').trimEnd() + '\n', { mode: 0o600 });
    let code = 0;
    await handoff(async () => {
      code = await runOnTerminal(editor, [arg !== '' ? unquote(arg) : file]);
    });
    if (code !== 0) throw new UsageError(`the editor '${editor}' exited with ${code}; nothing was run`, { hint: 'set $EDITOR (or $VISUAL) to the editor you use' });
    const text = readFileSync(arg !== '' ? unquote(arg) : file, 'utf8');
    if (text.trim() === '') return 0;
    ctx.out.info(text.trimEnd());
    // Like psql: the edited statement is what Up brings back, not the `\e` that opened it.
    ctx.out.remember?.(text);
    return await ctx.runText(text, signal);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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
  // psql's `\timing` toggles too; its on/off words are the same.
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
