// Checks one input value (already decoded from JSON text) against the field or param it is given for:
// type, item type, enum, object properties (known ones only, required ones present), recursively.
// Returns every problem with its path; an empty list means the value is fine. `null` / `undefined`
// mean "not given" and pass: whether a value must be given is the method's `required` list.

import { describe } from './format-issues.js';
import { findField, findParam } from './field-lookup.js';
import { closest } from '../util/suggest.js';
import { unknownName } from './messages.js';
import type { FieldDef, ResourceDefinition, ValueType } from './types.js';

/**
 * What a value is checked against: a field, or a param seen as a field without properties.
 * `writeOnly` and `minimum` are optional so that hand-built specs (tests) need not spell them out.
 */
type ValueSpec = Pick<FieldDef, 'type' | 'enum' | 'items' | 'properties'> & { readonly writeOnly?: boolean; readonly minimum?: number | null };

/** What one scalar is checked against (an array's items share the array's enum and secrecy). */
interface ScalarSpec {
  readonly type: ValueType;
  readonly enum: string | null;
  readonly minimum: number | null;
  /** A secret: its value never appears in a message, only its kind ("got a number"). */
  readonly secret: boolean;
}

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
  return param === null ? null : { type: param.type, enum: param.enum, items: param.items, properties: [], minimum: param.minimum };
}

function checkAgainst(def: ResourceDefinition, spec: ValueSpec, value: unknown, path: string): string[] {
  if (value === null || value === undefined) return [];
  const secret = spec.writeOnly === true;
  switch (spec.type) {
    case 'array': {
      if (!Array.isArray(value)) return [`${path}: expected an array, got ${shown(value, secret)}`];
      const problems: string[] = [];
      if (spec.items === 'object') {
        for (let i = 0; i < value.length; i++) problems.push(...checkObject(def, spec.properties, value[i], `${path}[${i}]`, secret));
        return problems;
      }
      // Load guarantees `items` on arrays; 'string' only satisfies the type checker.
      const item: ScalarSpec = { type: spec.items ?? 'string', enum: spec.enum, minimum: spec.minimum ?? null, secret };
      // The item's path is spelled only for a problem (an array of 5 events is checked 1,000s of times).
      for (let i = 0; i < value.length; i++) if (!scalarFits(def, item, value[i])) problems.push(...checkScalar(def, item, value[i], `${path}[${i}]`));
      return problems;
    }
    case 'object':
      return checkObject(def, spec.properties, value, path, secret);
    default:
      return checkScalar(def, { type: spec.type, enum: spec.enum, minimum: spec.minimum ?? null, secret }, value, path);
  }
}

function checkObject(def: ResourceDefinition, properties: readonly FieldDef[], value: unknown, path: string, secret: boolean): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${path}: expected an object, got ${shown(value, secret)}`];
  const given = value as Record<string, unknown>;
  const problems: string[] = [];
  for (const k of Object.keys(given)) {
    if (!properties.some((p) => p.name === k)) problems.push(`${path}: ${unknownName('property', k, properties.map((p) => p.name))}`);
  }
  for (const p of properties) {
    const v = given[p.name];
    // The API reads an empty string as "not set" (proto3 / omitempty), so '' cannot fill a required property.
    if (p.required && (v === undefined || v === null || v === '')) problems.push(`${path}: missing required property '${p.name}'`);
    else if (v !== undefined && v !== null) {
      const found = checkAgainst(def, p, v, `${path}.${p.name}`);
      if (found.length > 0) problems.push(...found);
    }
  }
  return problems;
}

/** Whether checkScalar would find nothing, without spelling a message. */
function scalarFits(def: ResourceDefinition, spec: ScalarSpec, value: unknown): boolean {
  if (!hasType(spec.type, value)) return false;
  if (spec.minimum !== null && typeof value === 'number' && value < spec.minimum) return false;
  return spec.enum === null || typeof value !== 'string' || def.enums[spec.enum].includes(value);
}

function checkScalar(def: ResourceDefinition, spec: ScalarSpec, value: unknown, path: string): string[] {
  if (!hasType(spec.type, value)) return [`${path}: expected ${article(spec.type)}, got ${shown(value, spec.secret)}`];
  if (spec.minimum !== null && typeof value === 'number' && value < spec.minimum) {
    return [`${path}: must be at least ${spec.minimum}, got ${spec.secret ? 'less' : value}`];
  }
  if (spec.enum === null || typeof value !== 'string') return [];
  const values = def.enums[spec.enum];
  if (values.includes(value)) return [];
  if (spec.secret) return [`${path}: not a ${spec.enum}`];
  const near = closest(value, values);
  // With no near miss, list the choices: the user has no other way to learn them here.
  const tail = near === null ? ` (one of ${values.join(', ')})` : ` — did you mean '${near}'?`;
  return [`${path}: '${value}' is not a ${spec.enum}${tail}`];
}

/** What was found: with its value, unless the value is a secret (then only its kind). */
function shown(value: unknown, secret: boolean): string {
  if (!secret) return describe(value);
  return Array.isArray(value) ? 'an array' : value === null ? 'null' : `${article(typeof value as ValueType)}`;
}

function hasType(type: ValueType, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      // Past 2^53 a JSON number is no longer the integer that was typed (1e23 is not 99999999999999999999999).
      return typeof value === 'number' && Number.isSafeInteger(value);
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
