// Reference checks for fields, params and enums: every enum named exists, types and their
// companions (items, properties, enum) agree, and a param that checks a column points at a real one.

import type { Issue } from '../errors.js';
import { unknownName } from './messages.js';
import type { FieldDef, ParamDef, ResourceDefinition, ValueType } from './types.js';

type Typed = Pick<FieldDef, 'type' | 'enum' | 'items'> & { readonly minimum?: number | null };

export function checkFields(def: ResourceDefinition): Issue[] {
  return [
    ...checkEnums(def),
    ...def.fields.flatMap((f) => checkField(def, f, `fields.${f.name}`, true)),
    ...def.params.flatMap((p) => checkParam(def, p)),
  ];
}

function checkEnums(def: ResourceDefinition): Issue[] {
  return Object.entries(def.enums).flatMap(([name, values]) =>
    values
      .filter((v, i) => values.indexOf(v) !== i)
      .map((v) => ({ at: `enums.${name}`, message: `value '${v}' is listed twice` })),
  );
}

function checkField(def: ResourceDefinition, f: FieldDef, at: string, topLevel: boolean): Issue[] {
  const issues = checkTyped(def, f, at);
  // An array of objects (`items: object`) describes its items with `properties`, like an object field.
  const objectShaped = f.type === 'object' || (f.type === 'array' && f.items === 'object');
  if (!objectShaped && f.properties.length > 0) issues.push({ at: `${at}.properties`, message: `only an object (or an array of objects) has properties (type is ${f.type})` });
  if (objectShaped && f.properties.length === 0) issues.push({ at, message: `an ${f.type === 'object' ? 'object field' : 'array of objects'} needs properties (values are checked against them)` });
  // Top-level presence is a per-method matter (methods.<m>.required); `required` here would be ambiguous.
  if (topLevel && f.required) issues.push({ at: `${at}.required`, message: 'only object properties can be required; use methods.<method>.required' });
  if (f.readOnly && f.writeOnly) issues.push({ at, message: 'a field cannot be both readOnly and writeOnly' });
  for (const p of f.properties) issues.push(...checkField(def, p, `${at}.properties.${p.name}`, false));
  return issues;
}

function checkParam(def: ResourceDefinition, p: ParamDef): Issue[] {
  const at = `params.${p.name}`;
  const issues = checkTyped(def, p, at);
  if (p.items === 'object') issues.push({ at: `${at}.items`, message: 'a param list holds scalars; objects belong in a field' });
  const field = def.fields.find((f) => f.name === p.name);
  if (field !== undefined && !sameType(field, p)) {
    issues.push({ at: `${at}.type`, message: `param '${p.name}' shares its name with a field of another type (${describeType(field)})` });
  }
  if (p.local === 'server' || p.local === 'request') {
    if (p.column !== null) issues.push({ at: `${at}.column`, message: `a '${p.local}' param is not checked against a column; remove 'column'` });
    return issues;
  }
  const column = def.fields.find((f) => f.name === p.column);
  if (column === undefined) {
    issues.push({ at: `${at}.column`, message: unknownName('field', String(p.column), def.fields.map((f) => f.name)) });
  } else if (p.local === 'any-of' && (p.type !== 'array' || column.type !== 'array')) {
    issues.push({ at: `${at}.local`, message: `'any-of' matches an array param against an array column (got ${p.type} against ${column.type})` });
  }
  return issues;
}

/** type ↔ items ↔ enum agreement, shared by fields and params. */
function checkTyped(def: ResourceDefinition, t: Typed, at: string): Issue[] {
  const issues: Issue[] = [];
  if (t.type === 'array' && t.items === null) issues.push({ at, message: "an array needs 'items' (the item type)" });
  if (t.type !== 'array' && t.items !== null) issues.push({ at: `${at}.items`, message: `only an array has items (type is ${t.type})` });
  if (t.items === 'array') issues.push({ at: `${at}.items`, message: 'items must be a scalar type (string, integer, number, boolean) or object' });
  if (t.minimum != null && t.type !== 'integer' && t.type !== 'number') issues.push({ at: `${at}.minimum`, message: `only an integer or a number has a minimum (type is ${t.type})` });
  if (t.enum === null) return issues;
  if (!Object.hasOwn(def.enums, t.enum)) {
    issues.push({ at: `${at}.enum`, message: unknownName('enum', t.enum, Object.keys(def.enums)) });
  }
  const valueType: ValueType | null = t.type === 'array' ? t.items : t.type;
  if (valueType !== 'string') issues.push({ at: `${at}.enum`, message: 'an enum applies to a string or an array of strings' });
  return issues;
}

function sameType(a: Typed, b: Typed): boolean {
  return a.type === b.type && a.items === b.items && a.enum === b.enum;
}

function describeType(t: Typed): string {
  const base = t.type === 'array' ? `array of ${t.items}` : t.type;
  return t.enum === null ? base : `${base}, enum ${t.enum}`;
}
