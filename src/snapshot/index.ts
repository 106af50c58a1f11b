// snapshot/: an inventory of resources across workspaces, read through the engine and kept in a
// store that outlives a laptop: current rows, their history, and a log of runs.

import { ConfigError, UnknownResourceError } from '../errors.js';
import type { Engine } from '../engine.js';
import type { ResourceDefinition } from '../definition/types.js';
import { collectRows } from './collect-rows.js';
import { openPostgresStore, withoutPassword } from './postgres-store.js';
import { openSqliteStore } from './sqlite-store.js';
import type { Store } from './store.js';
import type { ResourceRows, SnapshotReport, SnapshotTarget } from './types.js';
import { writeSnapshot } from './write-snapshot.js';

export type * from './types.js';
export { withoutPassword };

export interface SnapshotOptions {
  /** The server param the values of `workspaces` are for (the CLI's --workspace: `workspace`). */
  readonly serverParam: string;
  readonly workspaces: readonly string[];
  /** Resource ids; empty = every resource that can be listed with its server param alone. */
  readonly resources: readonly string[];
  readonly target: SnapshotTarget;
  readonly secrets: readonly string[];
}

export function parseTarget(to: string): SnapshotTarget {
  if (/^postgres(?:ql)?:\/\//i.test(to)) return { kind: 'postgresql', location: to };
  if (/^[a-z][\w+.-]*:\/\//i.test(to)) throw new ConfigError(`unsupported store '${withoutPassword(to)}'`, { hint: 'use a postgresql:// URL or a SQLite file path' });
  return { kind: 'sqlite', location: to };
}

export async function takeSnapshot(engine: Engine, options: SnapshotOptions): Promise<SnapshotReport> {
  const defs = chooseResources(engine, options.resources, options.serverParam);
  // Everything is read before the store is opened: the store's lock is held only while writing.
  const rows: ResourceRows[] = [];
  for (const def of defs) rows.push(await collectRows(engine, def, options.workspaces, options.secrets));
  const store = await openStore(options.target);
  try {
    return await store.transaction((tx) => writeSnapshot(tx, store.dialect, rows, options.workspaces));
  } finally {
    await store.close();
  }
}

function openStore(target: SnapshotTarget): Promise<Store> | Store {
  return target.kind === 'postgresql' ? openPostgresStore(target.location) : openSqliteStore(target.location);
}

/**
 * Only resources whose server param is the one the values are for: an account-level resource
 * (server param `account`) given a workspace name would send it to the wrong host.
 */
function chooseResources(engine: Engine, names: readonly string[], serverParam: string): ResourceDefinition[] {
  const all = [...engine.registry.resources.values()];
  const listable = (def: ResourceDefinition) => def.serverParam === serverParam && listableAlone(def);
  if (names.length === 0) return all.filter(listable).sort((a, b) => a.id.localeCompare(b.id));
  return names.map((n) => {
    const def = all.find((d) => d.id.toLowerCase() === n.toLowerCase());
    if (!def) throw new UnknownResourceError(`unknown resource '${n}'`, { hint: `known resources: ${all.map((d) => d.id).sort().join(', ')}` });
    if (!listable(def)) throw new ConfigError(`${def.id} cannot be listed with --${serverParam} alone`, { hint: `snapshot resources whose SELECT needs only the ${serverParam}` });
    return def;
  });
}

/**
 * SELECT * … WHERE <server param> = … is enough to list it (no other required param), and its server
 * param names a workspace (an account's or a local resource's does not: `--workspace` cannot feed it).
 */
function listableAlone(def: ResourceDefinition): boolean {
  const select = def.sqlVerbs.select;
  if (select === null || def.server.kind !== 'workspace') return false;
  return def.methods[select].required.every((p) => p === def.serverParam);
}
