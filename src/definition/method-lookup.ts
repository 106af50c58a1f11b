// Methods by name (EXEC) and by SQL verb (SELECT/INSERT/UPDATE/DELETE).

import { UnknownMethodError } from '../errors.js';
import { didYouMean } from '../util/suggest.js';
import type { MethodDef, ResourceDefinition, SqlVerbs } from './types.js';

export function findMethod(def: ResourceDefinition, name: string): MethodDef {
  const method = Object.hasOwn(def.methods, name) ? def.methods[name] : undefined;
  if (method !== undefined) return method;
  const names = Object.keys(def.methods);
  const hint = didYouMean(name, names);
  throw new UnknownMethodError(`unknown method '${name}' on ${def.id}${hint === '' ? '' : ` — ${hint}`}`, {
    hint: `methods of ${def.id}: ${names.join(', ')} (SHOW METHODS IN ${def.id})`,
  });
}

/** The method a SQL verb maps to, or null when the resource does not support that verb. */
export function methodForVerb(def: ResourceDefinition, verb: keyof SqlVerbs): MethodDef | null {
  const name = def.sqlVerbs[verb];
  return name === null ? null : def.methods[name];
}
