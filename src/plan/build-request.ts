// Turns converted input values into one ApiRequest for a method: required inputs present,
// constraints hold, each input placed where the definition says (query string or JSON body).

import type { MethodDef, MethodInput, ResourceDefinition } from '../definition/types.js';
import { checkConstraints } from '../definition/index.js';
import { InvalidValueError, MissingParameterError } from '../errors.js';
import type { ApiRequest, ExistenceCheck } from './types.js';

export type InputValues = Readonly<Record<string, unknown>>;

/** How to tell the user to add a missing input, in the statement's own syntax. */
export type HowToAdd = (name: string) => string;

export function buildRequest(def: ResourceDefinition, method: MethodDef, workspace: string, values: InputValues, howToAdd: HowToAdd, verb: string): ApiRequest {
  for (const name of method.required) {
    if (name === def.serverParam) continue;
    if (values[name] === undefined) {
      throw new MissingParameterError(`missing required parameter '${name}' for ${verb} on ${def.id}`, { hint: howToAdd(name) });
    }
  }
  const problems = checkConstraints(method, def, values);
  if (problems.length > 0) {
    throw new InvalidValueError(`${verb} on ${def.id}: ${problems.join('; ')}`);
  }
  return {
    ...requestShape(def, method, workspace, values),
    existenceCheck: method.retry.mode === 'check-then-retry' ? existenceCheck(def, workspace, values) : null,
  };
}

/** The request without the create-retry check (used for the check's own list request too). */
export function requestShape(def: ResourceDefinition, method: MethodDef, workspace: string, values: InputValues): ApiRequest {
  const query: [string, string][] = [];
  const body: Record<string, unknown> = {};
  let hasBody = false;
  for (const input of method.inputs) {
    const given = values[input.name];
    if (given === undefined || input.in === 'path') continue;
    const v = encodeInput(input, given);
    if (input.in === 'query') {
      // Arrays go as a repeated key (`?events=A&events=B`), as every official SDK sends them.
      for (const item of Array.isArray(v) ? v : [v]) query.push([input.wireName, String(item)]);
    } else {
      body[input.wireName] = v;
      hasBody = true;
    }
  }
  const echo = Object.fromEntries(method.echoInputs.filter((n) => values[n] !== undefined).map((n) => [n, values[n]]));
  return {
    kind: 'api-request',
    resource: def.id,
    method: method.name,
    workspace,
    httpMethod: method.httpMethod,
    path: fillPath(method.path, def, workspace, values),
    query,
    body: hasBody || method.httpMethod !== 'GET' && method.httpMethod !== 'DELETE' ? body : null,
    pagination: method.pagination,
    objectKey: method.objectKey,
    alternativeKeys: method.alternativeKeys,
    ...(Object.keys(echo).length > 0 ? { echo } : {}),
    retry: method.retry,
    errorHints: method.errorHints,
    existenceCheck: null,
    ...(def.server.kind === 'workspace' ? {} : { server: def.server }),
  };
}

/** `{name}` placeholders of a path, from the server param's value or a `path` input, URL-encoded. */
function fillPath(path: string, def: ResourceDefinition, workspace: string, values: InputValues): string {
  return path.replace(/\{([a-z_][a-z0-9_]*)\}/g, (_, name: string) => encodeURIComponent(name === def.serverParam ? workspace : String(values[name])));
}

/** The value as the wire wants it (types.ts lists the encodings). */
function encodeInput(input: MethodInput, value: unknown): unknown {
  switch (input.encode) {
    case null:
      return value;
    case 'filter-expression':
      // One condition in the search filter language: single-quoted, a quote written twice.
      return `${input.name}='${String(value).replace(/'/g, "''")}'`;
  }
}

/**
 * After an ambiguous create failure, execute/ lists the rows with the same natural key to learn
 * whether the attempt went through, instead of blindly creating a duplicate.
 */
function existenceCheck(def: ResourceDefinition, workspace: string, values: InputValues): ExistenceCheck | null {
  const listName = def.sqlVerbs.select;
  if (listName === null) return null;
  const list = def.methods[listName];
  const key: Record<string, unknown> = {};
  for (const path of def.naturalKey) {
    if (path === def.serverParam) continue;
    key[path] = valueAt(values, path);
  }
  // Narrow the listing with any list input that is itself part of the key (e.g. the model name).
  const pushed: Record<string, unknown> = {};
  for (const input of list.inputs) {
    if (input.name in key && key[input.name] !== undefined && typeof key[input.name] !== 'object') pushed[input.name] = key[input.name];
  }
  return { list: requestShape(def, list, workspace, pushed), key, idField: def.idField };
}

export function valueAt(value: unknown, dotted: string): unknown {
  let cur: unknown = value;
  for (const part of dotted.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}
