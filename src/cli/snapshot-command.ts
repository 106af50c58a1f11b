// `hookql snapshot --workspace W… [--resource R…] [--to postgresql://…|FILE]`: reads every row of
// the resources in the workspaces and records them (current rows, history, a log of runs) in an
// embedded SQLite file ($HOOKQL_HOME/inventory.db) or PostgreSQL. Exits 1 when a workspace failed
// (its stored rows are kept as they were), after writing what did succeed.

import { join } from 'node:path';
import { Command, Option } from 'commander';
import { PartialFailureError } from '../errors.js';
import { hookqlHome } from '../util/hookql-home.js';
import { envSecrets, isDebug, type CliIo } from './io.js';
import { renderError, exitCodeOf } from './render-error.js';

interface Flags {
  workspace: string[];
  resource?: string[];
  to?: string;
  output: 'text' | 'json';
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function snapshotCommand(io: CliIo): Command {
  return new Command('snapshot')
    .description('record an inventory of resources across workspaces in SQLite or PostgreSQL (current rows and history)')
    .requiredOption('--workspace <name>', 'a workspace to read (repeatable)', collect)
    .option('--resource <id>', 'a resource to record (repeatable; default: every resource listable by workspace)', collect)
    .option('--to <store>', 'postgresql://… URL or SQLite file (default: $HOOKQL_HOME/inventory.db)')
    .addOption(new Option('-o, --output <format>', 'text | json').choices(['text', 'json']).default('text'))
    .action(async (flags: Flags) => io.setExitCode(await run(io, flags)));
}

async function run(io: CliIo, flags: Flags): Promise<number> {
  const secrets = envSecrets(io.env);
  const engine = io.createEngine({ env: io.env, debug: isDebug(io.env) ? (line) => io.stderr.write(`debug: ${line}\n`) : undefined });
  try {
    const { parseTarget, takeSnapshot, withoutPassword } = await import('../snapshot/index.js');
    const target = parseTarget(flags.to ?? join(hookqlHome(io.env), 'inventory.db'));
    const report = await takeSnapshot(engine, { serverParam: 'workspace', workspaces: flags.workspace, resources: flags.resource ?? [], target, secrets });
    const where = target.kind === 'postgresql' ? withoutPassword(target.location) : target.location;
    if (flags.output === 'json') io.stdout.write(JSON.stringify({ ...report, store: where }, null, 2) + '\n');
    else {
      for (const [resource, c] of Object.entries(report.counts)) io.stdout.write(`${resource}: ${c.rows} row${c.rows === 1 ? '' : 's'} (${c.added} added, ${c.changed} changed, ${c.removed} removed)\n`);
      io.stdout.write(`snapshot ${report.id} written to ${where}\n`);
    }
    for (const u of report.failures.filter((f) => f.kind === 'unavailable')) io.stderr.write(`note: ${u.resource} is not available in ${u.workspace} (${u.code}); skipped\n`);
    const failed = report.failures.filter((f) => f.kind === 'failed');
    if (failed.length === 0) return 0;
    const lines = failed.map((f) => `  ${f.resource} in ${f.workspace}: [${f.code}] ${f.message}`).join('\n');
    throw new PartialFailureError(`${failed.length} workspace read(s) failed; their stored rows were kept as they were\n${lines}`, [], { hint: 'fix the workspaces above and run the snapshot again' });
  } catch (e) {
    io.stderr.write(renderError(e, { debug: isDebug(io.env), secrets }));
    return exitCodeOf(e);
  } finally {
    await engine.close();
  }
}
