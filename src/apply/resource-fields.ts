// Questions apply asks of a resource definition. Everything resource-specific (which fields are
// secrets, which are inputs, which identify a row) comes from the definition, never from here.

import { findField } from '../definition/index.js';
import type { FieldDef, MethodDef, ResourceDefinition, SqlVerbs } from '../definition/types.js';

/** The field at a dotted path (`http_url_spec.url`), or undefined. */
export function fieldAt(def: ResourceDefinition, path: string): FieldDef | undefined {
  return findField(def, path) ?? undefined;
}

export { writeOnlyNames } from '../definition/index.js';

/** The method a SQL verb maps to; a definition without it cannot be applied. */
export function methodFor(def: ResourceDefinition, verb: keyof SqlVerbs): MethodDef {
  const name = def.sqlVerbs[verb];
  const method = name === null ? undefined : def.methods[name];
  if (!method) throw new Error(`${def.id} has no method for ${verb.toUpperCase()}`);
  return method;
}

/** Input names a method takes, without the id field (apply never sets ids). */
export function inputNames(def: ResourceDefinition, method: MethodDef): string[] {
  return method.inputs.map((i) => i.name).filter((n) => n !== def.idField);
}

/** The value at a dotted path of a plain object; absent and null are both undefined. */
export function valueAt(value: unknown, path: string): unknown {
  let v: unknown = value;
  // Asked for every key field of every entry and live row: a top-level name needs no split.
  for (const part of path.includes('.') ? path.split('.') : [path]) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v === null ? undefined : v;
}

/**
 * The field that narrows pruning with `--prune-scope models`: the first natural-key field after the
 * server param (today model_name; absent = registry-wide).
 */
export function scopeField(def: ResourceDefinition): string | undefined {
  return def.naturalKey.find((p) => p !== def.serverParam && !p.includes('.'));
}
