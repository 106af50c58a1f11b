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
  for (const full of writeOnlyPaths(def)) {
    if (full !== prop && !full.startsWith(`${prop}.`)) continue;
    const path = full === prop ? '' : full.slice(prop.length + 1);
    const v = path === '' ? value : valueAt(value, path);
    if (typeof v !== 'string' || v === '') continue;
    out.push({ path, fullPath: full, value: v, literal: !envPaths.has(path) });
  }
  return out;
}

export function literalSecretMessage(fullPath: string): string {
  // Never echo the value: the point of the message is that it should not be seen.
  return `${fullPath} is a write-only secret written in the manifest; use "{{ env.NAME }}" (or pass --allow-literal-secrets)`;
}
