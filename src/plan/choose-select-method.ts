// Which method a SELECT uses. A resource may offer several read methods (a list, a get-one by key, a
// search with a filter): the statement's `=` predicates decide. Among `sqlVerbs.select` and
// `sqlVerbs.selectAlso`, the methods whose required params are all given qualify; the one needing the
// most wins (the most specific call), ties going to the order the YAML lists them in. With none
// qualifying, the default `select` method is used and its own checks name what is missing.

import type { MethodDef, ResourceDefinition } from '../definition/types.js';
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
