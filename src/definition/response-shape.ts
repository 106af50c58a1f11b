// What a method's 2xx response must look like, derived only from what the resource YAML already
// says (objectKey, pagination, fields and their types, idField, sqlVerbs): a new resource file gets
// response validation with no engine change and no new key. The rule (also in docs/reliability.md):
// - every body is a JSON object (Databricks answers objects; `[1,2,3]` or `"x"` is not an answer),
//   except that a list method with `objectKey: null` may answer a bare array of rows (the Account
//   API lists workspaces so);
// - a list method's objectKey holds an array of objects (absent or null = no rows; a lone object is
//   one row), and its page token, when present, is a string or a number;
// - another method's objectKey, when present, holds an object; for the method `sqlVerbs.insert`
//   names it must be present and carry the idField (a create answered `{}` created something unknown);
// - each declared field of a row, when present and not null, has its declared type; undeclared
//   fields are ignored (the API may add some), and integers may come as digit strings (proto3 JSON);
// - a body with an `error_code` and none of the expected keys is an error in a 200's clothing.

import type { FieldDef, MethodDef, Registry, ResourceDefinition } from './types.js';

export interface ResponseShape {
  /** `list`: the rows of a page; `row`: one row (create/update); `call`: anything in an object. */
  readonly kind: 'list' | 'row' | 'call';
  readonly objectKey: string | null;
  readonly alternativeKeys: readonly string[];
  /** The row must be in the response, with this id field (the insert method only); else null. */
  readonly requiredId: string | null;
  readonly pageToken: string | null;
  readonly fields: readonly FieldDef[];
}

export function responseShape(def: ResourceDefinition, method: MethodDef): ResponseShape {
  // Every method SELECT reads from is a list: its objectKey holds rows (a get-one's lone object is one row).
  const list = method.pagination !== null || def.sqlVerbs.select === method.name || def.selectAlso.includes(method.name);
  const writesRow = method.name === def.sqlVerbs.insert || method.name === def.sqlVerbs.update;
  const kind = list ? 'list' : writesRow && method.objectKey !== null ? 'row' : 'call';
  return {
    kind,
    objectKey: method.objectKey,
    alternativeKeys: method.alternativeKeys,
    requiredId: kind === 'row' && method.name === def.sqlVerbs.insert ? def.idField : null,
    pageToken: method.pagination?.responseToken ?? null,
    fields: def.fields,
  };
}

/** Every method's shape, computed on first use: what the engine hands execute/. */
export function responseShapes(registry: Registry): (resource: string, method: string) => ResponseShape | null {
  const memo = new Map<string, ResponseShape | null>();
  return (resource, method) => {
    const key = `${resource}\u0000${method}`;
    if (!memo.has(key)) {
      const def = registry.resources.get(resource);
      const m = def?.methods[method];
      memo.set(key, def && m ? responseShape(def, m) : null);
    }
    return memo.get(key) ?? null;
  };
}
