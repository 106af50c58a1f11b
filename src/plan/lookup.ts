// Small lookups over a resource definition that several planners share.

import type { FieldDef, MethodDef, ParamDef, ResourceDefinition, ValueType } from '../definition/types.js';
import { MissingParameterError, UnknownMethodError } from '../errors.js';
import { didYouMean } from '../util/suggest.js';

export function fieldOf(def: ResourceDefinition, name: string): FieldDef | undefined {
  return def.fields.find((f) => f.name === name);
}

export function paramOf(def: ResourceDefinition, name: string): ParamDef | undefined {
  return def.params.find((p) => p.name === name);
}

/** The type and enum of an input, whether it is a field or a param. */
export function inputType(def: ResourceDefinition, name: string): { type: ValueType; enum: string | null; items: ValueType | null } {
  const f = fieldOf(def, name) ?? paramOf(def, name);
  return f ? { type: f.type, enum: f.enum, items: f.items } : { type: 'string', enum: null, items: null };
}

/** Every name a statement may use for this resource: columns and params. */
export function knownNames(def: ResourceDefinition): string[] {
  return [...new Set([...def.fields.map((f) => f.name), ...def.params.map((p) => p.name)])];
}

/** The method a SQL verb maps to, or an error saying the resource does not support the verb. */
export function methodForVerb(def: ResourceDefinition, verb: 'select' | 'insert' | 'update' | 'delete'): MethodDef {
  const name = def.sqlVerbs[verb];
  if (name === null) {
    const exec = Object.keys(def.methods).join(', ');
    throw new UnknownMethodError(`${def.id} does not support ${verb.toUpperCase()}`, {
      hint: `its methods are reachable with EXEC ${def.id}.<method> (methods: ${exec})`,
    });
  }
  return def.methods[name];
}

export function methodByName(def: ResourceDefinition, name: string): MethodDef {
  const method = def.methods[name];
  if (!method) {
    const names = Object.keys(def.methods);
    throw new UnknownMethodError(`${def.id} has no method '${name}'`, {
      hint: [didYouMean(name, names), `methods: ${names.join(', ')}`].filter(Boolean).join(' '),
    });
  }
  return method;
}

/** The error for a required param left out, with the way to add it in the statement's own syntax. */
export function missingParameter(def: ResourceDefinition, verb: string, name: string, how: string): MissingParameterError {
  return new MissingParameterError(`missing required parameter '${name}' for ${verb} on ${def.id}`, { hint: how });
}
