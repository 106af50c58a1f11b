// Finding fields and params by name, for the checks at load time and for plan/.

import type { FieldDef, ParamDef, ResourceDefinition } from './types.js';

/** A field by dotted path (`http_url_spec.url`), descending through object properties; null if absent. */
export function findField(def: ResourceDefinition, dottedPath: string): FieldDef | null {
  // Plan and apply ask this several times per value of every entry; definitions are immutable.
  let byPath = fieldsByDef.get(def);
  if (byPath === undefined) fieldsByDef.set(def, (byPath = new Map()));
  let found = byPath.get(dottedPath);
  if (found === undefined) byPath.set(dottedPath, (found = lookUpField(def, dottedPath)));
  return found;
}

const fieldsByDef = new WeakMap<ResourceDefinition, Map<string, FieldDef | null>>();

function lookUpField(def: ResourceDefinition, dottedPath: string): FieldDef | null {
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
export function writeOnlyPaths(def: ResourceDefinition): readonly string[] {
  // Asked for every prop of every manifest entry: definitions are immutable, so once per definition.
  let paths = writeOnlyByDef.get(def);
  if (paths === undefined) writeOnlyByDef.set(def, (paths = Object.freeze(collectWriteOnly(def))));
  return paths;
}

const writeOnlyByDef = new WeakMap<ResourceDefinition, readonly string[]>();

/** Names of write-only properties at any depth (for key-based redaction of nested objects). */
export function writeOnlyNames(def: ResourceDefinition): ReadonlySet<string> {
  let names = writeOnlyNamesByDef.get(def);
  if (names === undefined) writeOnlyNamesByDef.set(def, (names = new Set(writeOnlyPaths(def).map((p) => p.slice(p.lastIndexOf('.') + 1)))));
  return names;
}

const writeOnlyNamesByDef = new WeakMap<ResourceDefinition, ReadonlySet<string>>();

function collectWriteOnly(def: ResourceDefinition): string[] {
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
