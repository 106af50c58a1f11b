// Reference checks for methods: inputs, required names and constraints name real params or fields of
// this method; the server param is required everywhere but never sent; retry policies are coherent.

import type { Issue } from '../errors.js';
import { isFieldOrParam } from './column-names.js';
import { findField, findParam } from './field-lookup.js';
import { unknownName } from './messages.js';
import type { Constraint, MethodDef, ResourceDefinition } from './types.js';

export function checkMethods(def: ResourceDefinition): Issue[] {
  return Object.values(def.methods).flatMap((m) => [
    ...checkInputs(def, m),
    ...checkRequired(def, m),
    ...checkPagination(m),
    ...checkRetry(m),
    ...checkEcho(def, m),
    ...m.constraints.flatMap((c, i) => checkConstraint(def, m, c, `methods.${m.name}.constraints[${i}]`)),
  ]);
}

function checkInputs(def: ResourceDefinition, m: MethodDef): Issue[] {
  const placeholders = [...m.path.matchAll(/\{([a-z_][a-z0-9_]*)\}/g)].map((p) => p[1]);
  const pathIssues: Issue[] = placeholders.flatMap((name) => {
    // A placeholder is filled by the server param's value or by a required `path` input: never left empty.
    if (name === def.serverParam) return [];
    const input = m.inputs.find((i) => i.name === name);
    if (input?.in === 'path' && m.required.includes(name)) return [];
    return [{ at: `methods.${m.name}.path`, message: `'{${name}}' must be the server param or a required input with in: path` }];
  });
  return [...pathIssues, ...m.inputs.flatMap((input) => {
    const at = `methods.${m.name}.inputs.${input.name}`;
    if (!isFieldOrParam(def, input.name)) return [{ at, message: unknownParamOrField(def, input.name) }];
    // The server param picks the host; sending it too would leak a local name into the request.
    if (input.name === def.serverParam) return [{ at, message: `'${input.name}' is the server param: it picks the host and is never sent` }];
    // A query string holds scalars and repeated keys, nothing nested.
    if (input.in === 'query' && typeOf(def, input.name) === 'object') return [{ at, message: 'an object cannot go in the query string; use body' }];
    if (input.in === 'path' && !placeholders.includes(input.name)) return [{ at, message: `the path has no '{${input.name}}' placeholder` }];
    return [];
  })];
}

function checkRequired(def: ResourceDefinition, m: MethodDef): Issue[] {
  const at = `methods.${m.name}.required`;
  const issues: Issue[] = m.required.flatMap((name, i) => {
    if (!isFieldOrParam(def, name)) return [{ at: `${at}[${i}]`, message: unknownParamOrField(def, name) }];
    if (name !== def.serverParam && !m.inputs.some((input) => input.name === name)) {
      return [{ at: `${at}[${i}]`, message: `'${name}' is required but is not an input of this method` }];
    }
    return [];
  });
  if (!m.required.includes(def.serverParam)) issues.push({ at, message: `must include the server param '${def.serverParam}'` });
  return issues;
}

function checkPagination(m: MethodDef): Issue[] {
  const p = m.pagination;
  if (p === null) return [];
  const issues: Issue[] = [];
  if (!m.inputs.some((i) => i.name === p.requestToken)) issues.push({ at: `methods.${m.name}.pagination.requestToken`, message: `'${p.requestToken}' is not an input of this method` });
  const size = p.pageSize;
  if (size !== undefined && !m.inputs.some((i) => i.name === size.input && i.in === 'query' && i.wireName === size.input)) {
    issues.push({ at: `methods.${m.name}.pagination.pageSize.input`, message: `'${size.input}' is not a query input of this method (the page size goes in the query string, like the page token)` });
  }
  return issues;
}

function checkEcho(def: ResourceDefinition, m: MethodDef): Issue[] {
  return m.echoInputs.flatMap((name, i): Issue[] => {
    const at = `methods.${m.name}.echoInputs[${i}]`;
    if (!m.inputs.some((input) => input.name === name)) return [{ at, message: `'${name}' is not an input of method '${m.name}'` }];
    return findField(def, name) === null ? [{ at, message: `'${name}' must also be a field, to be a column of the rows` }] : [];
  });
}

function checkRetry(m: MethodDef): Issue[] {
  const r = m.retry;
  const at = `methods.${m.name}.retry`;
  const issues: Issue[] = [];
  if (r.maxDelayMs < r.baseDelayMs) issues.push({ at: `${at}.maxDelayMs`, message: `must be at least baseDelayMs (${r.baseDelayMs})` });
  if (r.mode === 'never' && r.attempts !== 1) issues.push({ at: `${at}.attempts`, message: "mode 'never' means exactly 1 attempt" });
  if (r.mode !== 'never' && r.attempts === 1) issues.push({ at: `${at}.mode`, message: "1 attempt never retries; say mode: never" });
  if (r.notFoundAfterRetryIsSuccess && r.mode !== 'safe') {
    issues.push({ at: `${at}.notFoundAfterRetryIsSuccess`, message: "only meaningful for mode 'safe' (a retried delete)" });
  }
  return issues;
}

function checkConstraint(def: ResourceDefinition, m: MethodDef, c: Constraint, at: string): Issue[] {
  const notInput = (name: string, where: string): Issue[] =>
    m.inputs.some((i) => i.name === name) ? [] : [{ at: `${at}.${where}`, message: `'${name}' is not an input of method '${m.name}'` }];
  switch (c.kind) {
    case 'exactly-one-of':
    case 'at-most-one-of':
      return c.fields.flatMap((f, i) => notInput(f, `fields[${i}]`));
    case 'non-empty': {
      const issues = notInput(c.field, 'field');
      if (issues.length === 0 && typeOf(def, c.field) !== 'array') issues.push({ at: `${at}.field`, message: `'${c.field}' is not an array` });
      return issues;
    }
    case 'value-requires-absent': {
      const issues = [...notInput(c.field, 'field'), ...notInput(c.absent, 'absent')];
      const values = enumValues(def, c.field);
      if (values !== null && !values.includes(c.value)) issues.push({ at: `${at}.value`, message: unknownName('value', c.value, values) });
      return issues;
    }
  }
}

function typeOf(def: ResourceDefinition, name: string): string | null {
  return findField(def, name)?.type ?? findParam(def, name)?.type ?? null;
}

function enumValues(def: ResourceDefinition, name: string): readonly string[] | null {
  const enumName = findField(def, name)?.enum ?? findParam(def, name)?.enum ?? null;
  return enumName !== null && Object.hasOwn(def.enums, enumName) ? def.enums[enumName] : null;
}

function unknownParamOrField(def: ResourceDefinition, name: string): string {
  return unknownName('param or field', name, [...def.params.map((p) => p.name), ...def.fields.map((f) => f.name)]);
}
