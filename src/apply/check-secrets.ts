// Write-only values (the definition's secrets) must come from the environment: a manifest lives in
// git, so a secret written in it is a leaked secret. `--allow-literal-secrets` opts out (local tests).

import type { ResourceDefinition } from '../definition/types.js';
import { writeOnlyPaths } from '../definition/index.js';
import { valueAt } from './resource-fields.js';

export interface SecretFinding {
  /** Dotted path relative to the prop value (`secret` inside http_url_spec). */
  readonly path: string;
  /** Full dotted path (`http_url_spec.secret`). */
  readonly fullPath: string;
  readonly value: string;
  /** No `{{ env.… }}` went into it (directly or through a var). */
  readonly literal: boolean;
}

/** Every write-only value given under one prop, and whether it is a literal. */
export function findSecrets(def: ResourceDefinition, prop: string, value: unknown, envPaths: ReadonlySet<string>): SecretFinding[] {
  const out: SecretFinding[] = [];
  for (const { path, fullPath } of secretsUnder(def, prop)) {
    const v = path === '' ? value : valueAt(value, path);
    if (typeof v !== 'string' || v === '') continue;
    out.push({ path, fullPath, value: v, literal: !envPaths.has(path) });
  }
  return out;
}

/** The write-only paths at or under `prop` (asked for every prop of every entry: once per definition and prop). */
function secretsUnder(def: ResourceDefinition, prop: string): readonly { readonly path: string; readonly fullPath: string }[] {
  let byProp = secretsByDef.get(def);
  if (byProp === undefined) secretsByDef.set(def, (byProp = new Map()));
  let found = byProp.get(prop);
  if (found === undefined) {
    found = writeOnlyPaths(def)
      .filter((full) => full === prop || full.startsWith(`${prop}.`))
      .map((full) => ({ path: full === prop ? '' : full.slice(prop.length + 1), fullPath: full }));
    byProp.set(prop, found);
  }
  return found;
}

const secretsByDef = new WeakMap<ResourceDefinition, Map<string, readonly { readonly path: string; readonly fullPath: string }[]>>();

export function literalSecretMessage(fullPath: string): string {
  // Never echo the value: the point of the message is that it should not be seen.
  return `${fullPath} is a write-only secret written in the manifest; use "{{ env.NAME }}" (or pass --allow-literal-secrets)`;
}
