// Reference checks for the resource as a whole: its id, server param, id field, natural key and verbs.

import type { Issue } from '../errors.js';
import { findField, findParam } from './field-lookup.js';
import { unknownName } from './messages.js';
import type { ResourceDefinition, SqlVerbs } from './types.js';

export function checkResource(def: ResourceDefinition): Issue[] {
  return [...checkIdentity(def), ...checkServerParam(def), ...checkKeys(def), ...checkVerbs(def)];
}

function checkIdentity(def: ResourceDefinition): Issue[] {
  const expected = `${def.provider}.${def.service}.${def.name}`;
  return def.id === expected ? [] : [{ at: 'id', message: `must be provider.service.name ('${expected}')` }];
}

function checkServerParam(def: ResourceDefinition): Issue[] {
  const param = findParam(def, def.serverParam);
  if (param === null) return [{ at: 'serverParam', message: unknownName('param', def.serverParam, def.params.map((p) => p.name)) }];
  const issues: Issue[] = [];
  if (param.local !== 'server') issues.push({ at: `params.${param.name}.local`, message: "the server param must have local: server" });
  for (const p of def.params) {
    // One host per request: a second 'server' param would make the host ambiguous.
    if (p.local === 'server' && p.name !== def.serverParam) issues.push({ at: `params.${p.name}.local`, message: `only the server param '${def.serverParam}' may be local: server` });
  }
  return issues;
}

function checkKeys(def: ResourceDefinition): Issue[] {
  const fieldNames = def.fields.map((f) => f.name);
  const issues: Issue[] = [];
  if (!fieldNames.includes(def.idField)) issues.push({ at: 'idField', message: unknownName('field', def.idField, fieldNames) });
  if (def.createdAtField !== null && !fieldNames.includes(def.createdAtField)) {
    issues.push({ at: 'createdAtField', message: unknownName('field', def.createdAtField, fieldNames) });
  }
  def.naturalKey.forEach((path, i) => {
    // The server param belongs in the key (the same hook in two workspaces is two hooks) but is not a field.
    if (path !== def.serverParam && findField(def, path) === null) {
      issues.push({ at: `naturalKey[${i}]`, message: unknownName('field path', path, fieldPaths(def)) });
    }
  });
  return issues;
}

function checkVerbs(def: ResourceDefinition): Issue[] {
  const methods = Object.keys(def.methods);
  const verbs = (Object.keys(def.sqlVerbs) as (keyof SqlVerbs)[]).flatMap((verb) => {
    const name = def.sqlVerbs[verb];
    return name === null || methods.includes(name) ? [] : [{ at: `sqlVerbs.${verb}`, message: unknownName('method', name, methods) }];
  });
  const also = def.selectAlso.flatMap((name, i): Issue[] => {
    if (!methods.includes(name)) return [{ at: `sqlVerbs.selectAlso[${i}]`, message: unknownName('method', name, methods) }];
    return def.sqlVerbs.select === null ? [{ at: `sqlVerbs.selectAlso[${i}]`, message: 'needs sqlVerbs.select (the method used when no other applies)' }] : [];
  });
  return [...verbs, ...also];
}

function fieldPaths(def: ResourceDefinition): string[] {
  const out: string[] = [def.serverParam];
  for (const f of def.fields) {
    out.push(f.name);
    for (const p of f.properties) out.push(`${f.name}.${p.name}`);
  }
  return out;
}
