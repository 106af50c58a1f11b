// `hookql export --workspace W… [--model M…] [-o FILE] [--format hookql|stackql]` — the live state as a
// manifest, to bring webhooks made by hand under `plan` / `apply`. Reads only; the file holds no secret.

import { writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { exportManifest, readLiveState, type ExportFormat } from '../apply/index.js';
import type { Registry, ResourceDefinition } from '../definition/types.js';
import type { Engine } from '../engine.js';
import { UsageError } from '../errors.js';
import { didYouMean } from '../util/suggest.js';
import { envSecrets, isDebug, type CliIo } from './io.js';
import { debugSink } from './plan-command.js';
import { exitCodeOf, renderError } from './render-error.js';

interface ExportFlags {
  workspace: string[];
  model: string[];
  output?: string;
  format: ExportFormat;
  resource?: string;
}

const DEFAULT_RESOURCE = 'databricks_workspace.ml.model_registry_webhooks';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function exportCommand(io: CliIo): Command {
  return new Command('export')
    .description('write the live state of workspaces as a manifest (adopt existing rows under plan/apply)')
    .requiredOption('--workspace <workspace>', 'a workspace to read (repeatable)', collect)
    .option('--model <name>', 'only rows of this model (repeatable)', collect, [])
    .option('-o, --output <file>', 'write the manifest to this file (default: stdout)')
    .addOption(new Option('--format <format>', "hookql's manifest, or StackQL's props list").choices(['hookql', 'stackql']).default('hookql'))
    .option('--resource <id>', `the resource to export (default: ${DEFAULT_RESOURCE})`)
    .action(async (flags: ExportFlags) => io.setExitCode(await runExport(io, flags)));
}

async function runExport(io: CliIo, flags: ExportFlags): Promise<number> {
  let engine: Engine | null = null;
  try {
    engine = io.createEngine({ env: io.env, debug: debugSink(io) });
    const def = chooseResource(engine.registry, flags.resource);
    const workspaces = [...new Set(flags.workspace)];
    const live = await readLiveState(engine, def, workspaces);
    const exported = exportManifest(def, live, { workspaces, scopes: flags.model, format: flags.format });
    if (flags.output === undefined) io.stdout.write(exported.text);
    else writeFileSync(flags.output, exported.text);
    for (const w of exported.warnings) io.stderr.write(`warning: ${w}\n`);
    const noun = exported.entries === 1 ? def.noun.singular : def.noun.plural;
    io.stderr.write(`Exported ${exported.entries} ${noun} from ${workspaces.join(', ')}${flags.output === undefined ? '' : ` to ${flags.output}`}.\n`);
    return 0;
  } catch (e) {
    io.stderr.write(renderError(e, { debug: isDebug(io.env), secrets: envSecrets(io.env) }));
    return exitCodeOf(e);
  } finally {
    await engine?.close();
  }
}

/** A manifest manages a resource that can be listed, created and updated, and has a natural key. */
function chooseResource(registry: Registry, id: string | undefined): ResourceDefinition {
  const applicable = [...registry.resources.values()].filter((d) => d.sqlVerbs.select !== null && d.sqlVerbs.insert !== null && d.sqlVerbs.update !== null && d.naturalKey.length > 0);
  if (id !== undefined) {
    const def = applicable.find((d) => d.id === id);
    if (def === undefined) {
      const ids = applicable.map((d) => d.id);
      throw new UsageError(`--resource '${id}' cannot be exported`, { hint: [didYouMean(id, ids), `exportable: ${ids.join(', ')}`].filter(Boolean).join(' ') });
    }
    return def;
  }
  if (applicable.length === 1) return applicable[0];
  // A front end may name hookql's main table (DESIGN.md): what `export` is for when no --resource is given.
  const main = applicable.find((d) => d.id === DEFAULT_RESOURCE);
  if (main !== undefined) return main;
  throw new UsageError('several resources can be exported: name one with --resource', { hint: `one of: ${applicable.map((d) => d.id).join(', ')}` });
}
