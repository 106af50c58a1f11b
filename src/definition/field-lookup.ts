// Finding fields and params by name, for the checks at load time and for plan/.

import type { FieldDef, ParamDef, ResourceDefinition } from './types.js';

/** A field by dotted path (`http_url_spec.url`), descending through object properties; null if absent. */
export function findField(def: ResourceDefinition, dottedPath: string): FieldDef | null {
  let candidates: readonly FieldDef[] = def.fields;
  let found: FieldDef | null = null;
  for (const part of dottedPath.split('.')) {
    found = candidates.find((f) => f.name === part) ?? null;
    if (found === null) return null;
    candidates = found.properties;
  }
  return found;
}

export function findParam(def: ResourceDefinition, name: string): ParamDef | null {
  return def.params.find((p) => p.name === name) ?? null;
}

/** Dotted paths of every write-only field (secrets), for redaction in plans, logs and errors. */
export function writeOnlyPaths(def: ResourceDefinition): string[] {
  const out: string[] = [];
  const walk = (fields: readonly FieldDef[], prefix: string): void => {
    for (const f of fields) {
      const path = prefix + f.name;
      if (f.writeOnly) out.push(path);
      walk(f.properties, `${path}.`);
    }
  };
  walk(def.fields, '');
  return out;
}
