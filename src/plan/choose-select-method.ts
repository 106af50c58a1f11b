// Which method a SELECT uses. A resource may offer several read methods (a list, a get-one by key, a
// search with a filter): the statement's `=` predicates decide. Among `sqlVerbs.select` and
// `sqlVerbs.selectAlso`, the methods whose required params are all given qualify; the one needing the
// most wins (the most specific call), ties going to the order the YAML lists them in. With none
// qualifying, the default `select` method is used and its own checks name what is missing.

import type { MethodDef, ResourceDefinition } from '../definition/types.js';
import { UnknownParameterError } from '../errors.js';
import type { Predicate } from '../parse/types.js';
import { methodForVerb } from './lookup.js';

export function chooseSelectMethod(def: ResourceDefinition, predicates: readonly Predicate[]): MethodDef {
  const fallback = methodForVerb(def, 'select');
  if (def.selectAlso.length === 0) return fallback;
  const given = new Set(
    predicates.filter((p) => p.op === '=' && p.values.length === 1 && p.values[0] !== '' && p.values[0] !== null).map((p) => p.column),
  );
  let best: MethodDef | null = null;
  for (const method of [fallback, ...def.selectAlso.map((name) => def.methods[name])]) {
    const needed = method.required.filter((name) => name !== def.serverParam);
    if (!needed.every((name) => given.has(name))) continue;
    if (best === null || needed.length > best.required.filter((name) => name !== def.serverParam).length) best = method;
  }
  return best ?? fallback;
}

/** A WHERE param that the chosen read method does not send (it belongs to another method or to EXEC). */
export function paramNotTaken(def: ResourceDefinition, method: MethodDef, name: string): UnknownParameterError {
  const reads = [def.sqlVerbs.select, ...def.selectAlso].filter((m): m is string => m !== null);
  const shapes = reads.map((m) => `${m} (${def.methods[m].required.join(', ')})`).join('; ');
  return new UnknownParameterError(`'${name}' is not a column of ${def.id}, and the '${method.name}' call SELECT chose does not take it`, {
    hint: reads.length > 1 ? `SELECT calls one of: ${shapes} — give the parameters of one` : `'${name}' is a parameter of EXEC ${def.id}.<method>; SHOW METHODS IN ${def.id} lists them`,
  });
}
