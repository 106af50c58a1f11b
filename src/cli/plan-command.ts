// `hookql plan <manifest.yaml>` — what apply would do, field by field, without changing anything.
// Also the flags and the load-and-plan step that `hookql apply` shares (apply-command.ts).

import { Command, Option } from 'commander';
import { displayedPlan, hasPendingChanges, loadManifest, planDocument, planManifest, renderPlan, workspacesOf, type PlannedManifest, type PruneMode } from '../apply/index.js';
import { loadRegistry } from '../definition/index.js';
import type { Engine, EngineOptions } from '../engine.js';
import { definitionCacheDir, hookqlHome } from '../util/hookql-home.js';
import { InvalidValueError, UsageError } from '../errors.js';
import { envSecrets, isDebug, type CliIo } from './io.js';
import { collectVar } from './options.js';
import { readInput } from './read-input.js';
import { exitCodeOf, renderError } from './render-error.js';

export interface PlanFlags {
  var?: Record<string, string>;
  output: 'table' | 'json';
  prune?: boolean;
  pruneScope?: 'workspaces' | 'models';
  rotateSecrets?: boolean;
  allowLiteralSecrets?: boolean;
  detailedExitcode?: boolean;
  verbose?: boolean;
}

/** Exit status of `plan --detailed-exitcode` when applying would change something. */
export const CHANGES_PENDING = 3;

export function planCommand(io: CliIo): Command {
  return withPlanOptions(new Command('plan').description('show what apply would change for a manifest (nothing is changed)'))
    .option('--detailed-exitcode', `exit ${CHANGES_PENDING} when changes are pending, 0 when there are none`)
    .action(async (file: string, flags: PlanFlags) => io.setExitCode(await runPlan(io, file, flags)));
}

/** The argument and flags plan and apply have in common. */
export function withPlanOptions(command: Command): Command {
  return command
    .argument('<manifest>', 'the manifest file (YAML; - for stdin)')
    .option('--var <name=value>', 'set or override a manifest var (repeatable)', collectVar)
    .addOption(new Option('-o, --output <format>', 'table | json').choices(['table', 'json']).default('table'))
    .option('--prune', 'also delete live rows no entry matches, in the workspaces the manifest names')
    .addOption(new Option('--prune-scope <scope>', 'with --prune: whole workspaces, or only the models the manifest names').choices(['workspaces', 'models']))
    .option('--rotate-secrets', 're-send write-only secrets of entries that are otherwise unchanged')
    .option('--allow-literal-secrets', 'accept secrets written in the manifest instead of {{ env.NAME }}')
    .option('--verbose', 'list every unchanged entry (by default they are counted in one line; -o json has them all)');
}

async function runPlan(io: CliIo, file: string, flags: PlanFlags): Promise<number> {
  const secrets = envSecrets(io.env);
  let engine: Engine | null = null;
  try {
    const prepared = await preparePlan(io, file, flags, {});
    engine = prepared.engine;
    const { def, plan, manifest } = prepared.planned;
    secrets.push(...manifest.secrets);
    if (flags.output === 'json') io.stdout.write(JSON.stringify(planDocument(def, plan, manifest.secrets), null, 2) + '\n');
    else io.stdout.write(renderPlan(displayedPlan(def, plan, manifest.secrets, flags.verbose ?? false), { verbose: flags.verbose }));
    // A conflict means the plan is incomplete: the manifest's keys (or the live duplicates) need work.
    const conflicts = plan.changes.filter((c) => c.kind === 'conflict').length;
    if (conflicts > 0) throw conflictError(conflicts, def.noun.singular);
    return flags.detailedExitcode && hasPendingChanges(plan) ? CHANGES_PENDING : 0;
  } catch (e) {
    io.stderr.write(renderError(e, { debug: isDebug(io.env), secrets }));
    return exitCodeOf(e);
  } finally {
    await engine?.close();
  }
}

export interface Prepared {
  readonly planned: PlannedManifest;
  /** The engine the live state was read with; the caller closes it. */
  readonly engine: Engine;
}

/**
 * Reads and validates the whole manifest before any request, then plans against the live state.
 * `perWorkspace` sizes the engine: its request limit is shared, so it is per-workspace × workspaces.
 */
export async function preparePlan(
  io: CliIo,
  file: string,
  flags: PlanFlags,
  engineOptions: EngineOptions & { perWorkspace?: number },
  signal?: AbortSignal,
  /** Runs after the manifest is validated and before the live state is read (apply takes its locks here). */
  beforeRead?: (workspaces: readonly string[]) => Promise<void>,
): Promise<Prepared> {
  const options = { prune: pruneMode(flags), rotateSecrets: flags.rotateSecrets ?? false };
  const registry = loadRegistry([], { cacheDir: definitionCacheDir(hookqlHome(io.env)) });
  const loaded = loadManifest(await readManifest(io, file), file, registry, {
    vars: flags.var ?? {},
    env: io.env,
    allowLiteralSecrets: flags.allowLiteralSecrets ?? false,
  });
  const { perWorkspace, ...rest } = engineOptions;
  await beforeRead?.(workspacesOf(loaded.manifest));
  const workspaces = Math.max(1, workspacesOf(loaded.manifest).length);
  const engine = io.createEngine({ env: io.env, debug: debugSink(io), ...rest, concurrency: (perWorkspace ?? 8) * workspaces });
  try {
    return { planned: await planManifest(loaded, engine, options, signal), engine };
  } catch (e) {
    await engine.close();
    throw e;
  }
}

function readManifest(io: CliIo, file: string): Promise<string> {
  return readInput(io.stdin, file, 'manifest');
}

function pruneMode(flags: PlanFlags): PruneMode {
  // A scope without --prune is refused rather than implied: deleting must always be asked for by name.
  if (flags.pruneScope !== undefined && !flags.prune) throw new UsageError('--prune-scope narrows --prune; add --prune to delete anything');
  if (!flags.prune) return 'off';
  return flags.pruneScope === 'models' ? 'models' : 'workspaces';
}

function conflictError(count: number, noun: string): InvalidValueError {
  return new InvalidValueError(`${count} entr${count === 1 ? 'y' : 'ies'} cannot be planned without guessing which live ${noun} ${count === 1 ? 'it means' : 'they mean'} (see '! conflict' above)`, {
    hint: 'delete the extra live rows, or give the entries match: fields that tell them apart',
  });
}

export function debugSink(io: CliIo): ((line: string) => void) | undefined {
  return isDebug(io.env) ? (line) => io.stderr.write(`debug: ${line}\n`) : undefined;
}
