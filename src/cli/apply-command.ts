// `hookql apply <manifest.yaml>` — plan, then make the live state match: creates, updates (only the
// changed fields) and, with --prune, deletes, each as a SQL statement through the engine.
// A failed change never stops the others; the summary at the end says what failed and why (exit 1).

import { Command } from 'commander';
import cliProgress from 'cli-progress';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import {
  convergeCreates,
  isApplicable,
  outcomeLine,
  planDocument,
  displayedPlan,
  renderPlan,
  renderSummary,
  runChanges,
  statementFor,
  summarize,
  type ApplySummary,
  type ChangeOutcome,
  type ChangeStatement,
} from '../apply/index.js';
import type { Engine } from '../engine.js';
import { acquireLocks, type HeldLocks } from '../util/advisory-lock.js';
import { hookqlHome } from '../util/hookql-home.js';
import { redactText } from '../util/redact.js';
import { envSecrets, isDebug, type CliIo } from './io.js';
import { parsePositiveInt } from './options.js';
import { approve } from './confirm-apply.js';
import { preparePlan, withPlanOptions, type PlanFlags } from './plan-command.js';
import { exitCodeOf, renderError } from './render-error.js';

interface ApplyFlags extends PlanFlags {
  concurrency: number;
  dryRun?: boolean;
  timeout?: number;
  autoApprove?: boolean;
  /** --concurrency was given (not the default): it is then also the per-host request limit. */
  concurrencyGiven?: boolean;
}

const DEFAULT_CONCURRENCY = 8;

export function applyCommand(io: CliIo): Command {
  return withPlanOptions(new Command('apply').description('make the live state match a manifest (create, update, and with --prune delete)'))
    .option('--concurrency <n>', 'changes in flight per workspace', parsePositiveInt('--concurrency'), DEFAULT_CONCURRENCY)
    .option('--dry-run', 'print the plan and the exact SQL statements, change nothing')
    .option('--timeout <seconds>', 'overall deadline per statement (default 120)', parsePositiveInt('--timeout'))
    .option('-y, --auto-approve', 'apply without asking (on a terminal apply asks first; without one, --prune deletions need this)')
    .action(async (file: string, flags: ApplyFlags, cmd: Command) =>
      io.setExitCode(await runApply(io, file, { ...flags, concurrencyGiven: cmd.getOptionValueSource('concurrency') === 'cli' })),
    );
}

async function runApply(io: CliIo, file: string, flags: ApplyFlags): Promise<number> {
  tierUpLater();
  const secrets = envSecrets(io.env);
  let engine: Engine | null = null;
  const held: { locks: HeldLocks | null } = { locks: null };
  const interrupt = onInterrupt(io);
  try {
    const deadlineMs = flags.timeout === undefined ? undefined : flags.timeout * 1000;
    const lock = async (workspaces: readonly string[]) => {
      if (!flags.dryRun) held.locks = await lockWorkspaces(io, workspaces, interrupt.signal, secrets);
    };
    // --concurrency is per workspace, and a workspace is one host: without raising the per-host
    // limit (default 4) to match, `--concurrency 16` ran 4 changes at a time (bench B4). Only when
    // asked for: by default apply keeps the transport's 4 per host, as every other statement does
    // (the fault suite runs the two-machine apply at both; docs/performance.md, B4).
    const perHostConcurrency = flags.concurrencyGiven ? flags.concurrency : undefined;
    const sizing = { perWorkspace: flags.concurrency, perHostConcurrency, deadlineMs };
    const prepared = await preparePlan(io, file, flags, sizing, interrupt.signal, lock);
    engine = prepared.engine;
    const { def, plan, manifest } = prepared.planned;
    secrets.push(...manifest.secrets);
    const scrub = (text: string) => redactText(text, secrets);
    const statements = plan.changes.filter(isApplicable).map((c) => statementFor(def, c));
    const json = flags.output === 'json';
    if (!json) io.stdout.write(renderPlan(displayedPlan(def, plan, manifest.secrets, flags.verbose ?? false), { verbose: flags.verbose }));
    if (flags.dryRun) {
      if (json) io.stdout.write(JSON.stringify({ ...planDocument(def, plan, manifest.secrets), statements: statements.map((s) => scrub(s.sql)) }, null, 2) + '\n');
      else io.stdout.write(scrub(renderStatements(statements)));
      return 0;
    }
    if (statements.length > 0 && !flags.autoApprove) {
      const approval = await approve(io, plan.changes.filter((c) => c.kind === 'delete').length, def.noun, interrupt.signal);
      if (!approval) {
        io.stderr.write('Apply cancelled: nothing was changed.\n');
        return 1;
      }
    }
    const progress = reporter(io, statements.length, scrub);
    let applied: ChangeOutcome[];
    try {
      applied = await runChanges(engine, def, statements, { concurrency: flags.concurrency, signal: interrupt.signal, onOutcome: progress.update });
    } finally {
      progress.stop();
    }
    // Runs on other machines are not serialised by the lock: resolve any duplicate they made meanwhile.
    const outcomes = await convergeCreates(engine, def, manifest, applied, interrupt.signal);
    // What convergence changed (a duplicate removed, or a failed check) was not in the lines above.
    outcomes.forEach((o, i) => o !== applied[i] && io.stderr.write(scrub(outcomeLine(o)) + '\n'));
    const summary = summarize(plan, outcomes);
    if (json) io.stdout.write(scrub(JSON.stringify({ ...planDocument(def, plan, manifest.secrets), outcomes: outcomes.map(outcomeData), summary: summaryData(summary) }, null, 2)) + '\n');
    else if (statements.length > 0 || summary.failed > 0) io.stdout.write('\n' + scrub(renderSummary(summary, def.noun)));
    return summary.failed > 0 || summary.notStarted > 0 ? 1 : 0;
  } catch (e) {
    io.stderr.write(renderError(e, { debug: isDebug(io.env), secrets }));
    return exitCodeOf(e);
  } finally {
    interrupt.dispose();
    await engine?.close();
    held.locks?.release();
  }
}

/**
 * An apply runs each change's code (plan, request, response) a few hundred to a few thousand times,
 * then exits. By then V8's optimising compiler, on a background thread, has spent more CPU compiling
 * that code than it saved: ~0.3 s of a 1,000-create apply, on the core the workspace (or its emulator)
 * and everything else share. Four times V8's budget before a function is optimised (V8 11.3's default
 * is 67,584) leaves code that is really hot optimised. Bench B4, alternating pairs on the shared
 * machine: hookql CPU 1.62 s → 1.29 s, wall 3.80 s → 3.17 s. Only for a V8 known to have the flag (an
 * unknown one is reported on stderr); it changes no result, only when code is compiled.
 */
function tierUpLater(): void {
  const major = Number(process.versions.v8.split('.')[0]);
  if (major >= 11 && major <= 13) setFlagsFromString('--interrupt-budget=270336');
}

/**
 * Two applies on this machine never plan against the same workspace at once: the second waits for
 * the first to finish, then plans from what it left, so it creates nothing twice (util/advisory-lock.ts).
 */
function lockWorkspaces(io: CliIo, workspaces: readonly string[], signal: AbortSignal, secrets: readonly string[]): Promise<HeldLocks> {
  return acquireLocks(join(hookqlHome(io.env), 'locks'), workspaces, {
    signal,
    onWait: (ws, holder) => io.stderr.write(`waiting for another hookql apply on workspace '${redactText(ws, secrets)}' to finish (${holder})…\n`),
  });
}

function renderStatements(statements: readonly ChangeStatement[]): string {
  if (statements.length === 0) return '\nNo statements to run.\n';
  const blocks = statements.map((s) => `-- ${s.change.kind} ${s.change.kind === 'delete' ? s.change.id : s.change.entry} (${s.change.workspace})\n${s.sql}`);
  return `\nStatements apply would run (${statements.length}; secrets are {{ placeholders }} filled at run time):\n\n${blocks.join('\n\n')}\n`;
}

function summaryData(s: ApplySummary): Record<string, unknown> {
  const { notStarted, notStartedReasons, ...counts } = s;
  return { ...counts, not_started: notStarted, not_started_reasons: notStartedReasons };
}

function outcomeData(o: ChangeOutcome): Record<string, unknown> {
  const c = o.change;
  const base = { kind: c.kind, entry: c.kind === 'delete' ? null : c.entry, workspace: c.workspace };
  if (o.kind === 'done') return { ...base, ok: true, id: o.id };
  return { ...base, ok: false, not_started: o.kind === 'skipped', id: c.kind === 'create' ? null : c.id, error: outcomeLine(o) };
}

interface Reporter {
  update(outcome: ChangeOutcome): void;
  stop(): void;
}

/** A progress bar on a terminal (done/total, failures, rate, ETA); otherwise one line per change. */
function reporter(io: CliIo, total: number, scrub: (text: string) => string): Reporter {
  if (!io.isTTY || total === 0) return lineReporter(io, scrub);
  const started = Date.now();
  let done = 0;
  let failed = 0;
  const bar = new cliProgress.SingleBar(
    {
      stream: io.stderr,
      noTTYOutput: true, // the CLI decided (io.isTTY); the stream may be wrapped
      format: 'apply |{bar}| {value}/{total} changes | {failed} failed | {rate}/s | ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { failed: 0, rate: '0.0' });
  return {
    update(o) {
      done += 1;
      if (o.kind === 'failed') failed += 1;
      const rate = done / Math.max((Date.now() - started) / 1000, 0.001);
      bar.increment(1, { failed, rate: rate.toFixed(1) });
    },
    stop: () => bar.stop(),
  };
}

/**
 * One line per change, written in batches: a write to a pipe or file is a synchronous system call,
 * and 1,000 of them cost more CPU than the changes' own requests (bench B4). Lines keep their order
 * and reach the stream within FLUSH_MS, and all of them before the summary.
 */
const FLUSH_MS = 50;

function lineReporter(io: CliIo, scrub: (text: string) => string): Reporter {
  let pending = '';
  let timer: NodeJS.Timeout | null = null;
  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (pending !== '') io.stderr.write(pending);
    pending = '';
  };
  return {
    update(o) {
      pending += scrub(outcomeLine(o)) + '\n';
      timer ??= setTimeout(flush, FLUSH_MS);
    },
    stop: flush,
  };
}

/**
 * Ctrl-C during apply: stop starting changes, let the engine cancel in-flight ones, and still print
 * the summary. A re-run converges (it plans from live state; creates are matched by key, never doubled).
 */
function onInterrupt(io: CliIo): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const handler = () => {
    if (!controller.signal.aborted) io.stderr.write('\ninterrupted: not starting further changes (Ctrl-C again to quit now)\n');
    else process.exit(130);
    controller.abort();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
