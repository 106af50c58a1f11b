// Checks one input value (already decoded from JSON text) against the field or param it is given for:
// type, item type, enum, object properties (known ones only, required ones present), recursively.
// Returns every problem with its path; an empty list means the value is fine. `null` / `undefined`
// mean "not given" and pass: whether a value must be given is the method's `required` list.

import { describe } from './format-issues.js';
import { findField, findParam } from './field-lookup.js';
import { closest } from '../suggest.js';
import { unknownName } from './messages.js';
import type { FieldDef, ResourceDefinition, ValueType } from './types.js';

/** What a value is checked against: a field, or a param seen as a field without properties. */
type ValueSpec = Pick<FieldDef, 'type' | 'enum' | 'items' | 'properties'>;

export function checkValue(def: ResourceDefinition, name: string, value: unknown, path: string = name): string[] {
  const spec = specFor(def, name);
  if (spec === null) return [`${path}: ${unknownName('param or field', name, [...def.fields, ...def.params].map((x) => x.name))}`];
  return checkAgainst(def, spec, value, path);
}

/** A field wins over a param of the same name: only fields describe object properties. */
function specFor(def: ResourceDefinition, name: string): ValueSpec | null {
  const field = findField(def, name);
  if (field !== null) return field;
  const param = findParam(def, name);
  return param === null ? null : { type: param.type, enum: param.enum, items: param.items, properties: [] };
}

function checkAgainst(def: ResourceDefinition, spec: ValueSpec, value: unknown, path: string): string[] {
  if (value === null || value === undefined) return [];
  switch (spec.type) {
    case 'array':
      if (!Array.isArray(value)) return [`${path}: expected an array, got ${describe(value)}`];
      // Load guarantees `items` on arrays; 'string' only satisfies the type checker.
      return value.flatMap((item, i) => checkScalar(def, spec.items ?? 'string', spec.enum, item, `${path}[${i}]`));
    case 'object':
      return checkObject(def, spec.properties, value, path);
    default:
      return checkScalar(def, spec.type, spec.enum, value, path);
  }
}

function checkObject(def: ResourceDefinition, properties: readonly FieldDef[], value: unknown, path: string): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${path}: expected an object, got ${describe(value)}`];
  const given = value as Record<string, unknown>;
  const names = properties.map((p) => p.name);
  const problems = Object.keys(given)
    .filter((k) => !names.includes(k))
    .map((k) => `${path}: ${unknownName('property', k, names)}`);
  for (const p of properties) {
    const v = given[p.name];
    if (p.required && (v === undefined || v === null)) problems.push(`${path}: missing required property '${p.name}'`);
    else problems.push(...checkAgainst(def, p, v, `${path}.${p.name}`));
  }
  return problems;
}

function checkScalar(def: ResourceDefinition, type: ValueType, enumName: string | null, value: unknown, path: string): string[] {
  if (!hasType(type, value)) return [`${path}: expected ${article(type)}, got ${describe(value)}`];
  if (enumName === null || typeof value !== 'string') return [];
  const values = def.enums[enumName];
  if (values.includes(value)) return [];
  const near = closest(value, values);
  // With no near miss, list the choices: the user has no other way to learn them here.
  const tail = near === null ? ` (one of ${values.join(', ')})` : ` — did you mean '${near}'?`;
  return [`${path}: '${value}' is not a ${enumName}${tail}`];
}

function hasType(type: ValueType, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
  }
}

function article(type: ValueType): string {
  return type === 'integer' || type === 'array' || type === 'object' ? `an ${type}` : `a ${type}`;
}
