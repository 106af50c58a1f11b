// The named, closed set of cross-input checks a method declares (types.ts `Constraint`), run by plan/
// before any request. `input` maps input names to decoded values; null/undefined mean "not given".

import type { Constraint, MethodDef, ResourceDefinition } from './types.js';

export function checkConstraints(method: MethodDef, def: ResourceDefinition, input: Readonly<Record<string, unknown>>): string[] {
  const problems: string[] = [];
  // Run for every entry of a manifest: the purpose is spelled only into a problem.
  const purpose = () => `to ${method.name} a ${def.noun.singular}`;
  for (const c of method.constraints) {
    const problem = checkOne(c, input, purpose);
    if (problem !== null) problems.push(problem);
  }
  return problems;
}

function checkOne(c: Constraint, input: Readonly<Record<string, unknown>>, purposeOf: () => string): string | null {
  switch (c.kind) {
    case 'exactly-one-of': {
      const given = c.fields.filter((f) => isGiven(input[f]));
      if (given.length === 1) return null;
      return `exactly one of ${c.fields.join(', ')} must be given ${purposeOf()} (got ${given.length === 0 ? 'none' : given.join(' and ')})`;
    }
    case 'at-most-one-of': {
      const given = c.fields.filter((f) => isGiven(input[f]));
      return given.length <= 1 ? null : `at most one of ${c.fields.join(', ')} may be given ${purposeOf()} (got ${given.join(' and ')})`;
    }
    case 'value-requires-absent': {
      const v = input[c.field];
      const has = Array.isArray(v) ? v.includes(c.value) : v === c.value;
      return has && isGiven(input[c.absent]) ? `${c.field}: '${c.value}' is allowed only when ${c.absent} is not given` : null;
    }
    case 'non-empty': {
      const v = input[c.field];
      return Array.isArray(v) && v.length === 0 ? `${c.field}: must not be empty` : null;
    }
  }
}

function isGiven(value: unknown): boolean {
  return value !== undefined && value !== null;
}
