// Shape-checked YAML → the typed model. Every default is filled here, in one place, so that nothing
// downstream reads optional raw keys. The result is deep-frozen: definitions are cached and shared.

import type { FieldDef, MethodDef, ParamDef, ResourceDefinition } from './types.js';
import type { RawDefinition, RawField, RawMethod, RawParam } from './raw-schema.js';

export function buildDefinition(raw: RawDefinition, source: string): ResourceDefinition {
  return deepFreeze({
    id: raw.id,
    provider: raw.provider,
    service: raw.service,
    name: raw.name,
    title: raw.title,
    description: raw.description ?? '',
    noun: { singular: raw.noun.singular, plural: raw.noun.plural },
    serverParam: raw.serverParam,
    server: raw.server ?? { kind: 'workspace' },
    idField: raw.idField,
    naturalKey: raw.naturalKey ?? [],
    createdAtField: raw.createdAtField ?? null,
    fields: Object.entries(raw.fields).map(([name, f]) => buildField(name, f)),
    params: Object.entries(raw.params).map(([name, p]) => buildParam(name, p)),
    enums: raw.enums ?? {},
    methods: Object.fromEntries(Object.entries(raw.methods).map(([name, m]) => [name, buildMethod(name, m)])),
    sqlVerbs: {
      select: raw.sqlVerbs.select ?? null,
      insert: raw.sqlVerbs.insert ?? null,
      update: raw.sqlVerbs.update ?? null,
      delete: raw.sqlVerbs.delete ?? null,
    },
    selectAlso: raw.sqlVerbs.selectAlso ?? [],
    examples: raw.examples ?? [],
    version: raw.version ?? null,
    source,
  });
}

function buildField(name: string, f: RawField): FieldDef {
  return {
    name,
    type: f.type,
    description: f.description ?? '',
    enum: f.enum ?? null,
    items: f.items ?? null,
    properties: Object.entries(f.properties ?? {}).map(([n, p]) => buildField(n, p)),
    required: f.required ?? false,
    writeOnly: f.writeOnly ?? false,
    readOnly: f.readOnly ?? false,
    minimum: f.minimum ?? null,
    format: f.format ?? null,
  };
}

function buildParam(name: string, p: RawParam): ParamDef {
  // `column` / `any-of` params are checked against a column, by default the one with their own name;
  // filling it here means plan/ never has to know that rule.
  const checksColumn = p.local === 'column' || p.local === 'any-of';
  return {
    name,
    type: p.type,
    description: p.description ?? '',
    enum: p.enum ?? null,
    items: p.items ?? null,
    local: p.local,
    column: p.column ?? (checksColumn ? name : null),
    minimum: p.minimum ?? null,
  };
}

function buildMethod(name: string, m: RawMethod): MethodDef {
  return {
    name,
    description: m.description ?? '',
    httpMethod: m.httpMethod,
    path: m.path,
    inputs: Object.entries(m.inputs ?? {}).map(([n, where]) =>
      typeof where === 'string'
        ? { name: n, in: where, wireName: n, encode: null }
        : { name: n, in: where.in, wireName: where.as ?? n, encode: where.encode ?? null },
    ),
    required: m.required,
    objectKey: m.objectKey,
    alternativeKeys: m.alternativeKeys ?? [],
    pagination: m.pagination ?? null,
    retry: { ...m.retry, notFoundAfterRetryIsSuccess: m.retry.notFoundAfterRetryIsSuccess ?? false },
    constraints: m.constraints ?? [],
    echoInputs: m.echoInputs ?? [],
    pastTense: m.pastTense,
    errorHints: m.errorHints ?? {},
  };
}

export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
