// The columns a statement may name: every field, then every param that is not also a field
// (`workspace`, `max_results`, …), as StackQL lets WHERE carry params next to columns.

import type { ResourceDefinition } from './types.js';

export function columnNames(def: ResourceDefinition): string[] {
  const names = def.fields.map((f) => f.name);
  for (const p of def.params) if (!names.includes(p.name)) names.push(p.name);
  return names;
}

/** Names accepted as method inputs and in `required`: fields and params. */
export function isFieldOrParam(def: ResourceDefinition, name: string): boolean {
  return def.fields.some((f) => f.name === name) || def.params.some((p) => p.name === name);
}
