// RETURNING for writes: the object key name (`RETURNING <object key>`, as StackQL writes it) yields one JSON column holding
// the object, as StackQL does; `*` or column names yield the written row's columns.

import type { MethodDef, ResourceDefinition } from '../definition/types.js';
import { UnsupportedSqlError } from '../errors.js';
import type { Returning } from '../parse/types.js';
import { unknownColumn } from './plan-select.js';
import { scratchColumns } from './scratch-columns.js';
import type { MutationPlan, PerRowWrite, ReturningPlan } from './types.js';

export function planReturning(def: ResourceDefinition, method: MethodDef, returning: Returning, verb: string): ReturningPlan {
  if (returning === null) return { kind: 'none' };
  const objectName = method.objectKey?.split('.').pop() ?? null;
  if (objectName === null) {
    throw new UnsupportedSqlError(`${verb} on ${def.id} cannot use RETURNING: the API returns nothing for '${method.name}'`, {
      hint: 'remove the RETURNING clause',
    });
  }
  if (returning.length === 1 && returning[0] === objectName) return { kind: 'object', as: objectName };
  const all = scratchColumns(def);
  if (returning.length === 1 && returning[0] === '*') return { kind: 'columns', columns: all };
  return {
    kind: 'columns',
    columns: returning.map((name) => {
      const column = all.find((c) => c.name === name);
      if (!column) throw unknownColumn(def, name);
      return column;
    }),
  };
}

/** The parts of a MutationPlan every write shares; callers add the requests or the row source. */
export function mutationBase(
  def: ResourceDefinition,
  method: MethodDef,
  text: string,
  returning: ReturningPlan,
  concurrency: number,
): Omit<MutationPlan, 'requests' | 'source' | 'conflict'> & { conflict: null } {
  return {
    kind: 'mutation',
    text,
    resource: def.id,
    method: method.name,
    summary: { ...def.noun, pastTense: method.pastTense },
    idField: def.idField,
    returning,
    concurrency,
    conflict: null,
  };
}

/** What each row of a row source becomes, for EXPLAIN: one `method` call per row found. */
export function perRowWrite(method: MethodDef, fromRow: readonly string[], constants: Readonly<Record<string, unknown>>): PerRowWrite {
  return { method: method.name, httpMethod: method.httpMethod, path: method.path, fromRow, constants };
}
