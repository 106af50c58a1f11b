// The shape of a resource YAML file, as zod schemas. This only checks shape (types, known keys, name
// syntax); references between parts are checked on the typed model (check-*.ts), and defaults are filled
// in build-definition.ts. Maps keyed by name (fields, params, methods, inputs) keep the YAML flat and
// make duplicate names impossible (the YAML parser refuses duplicate keys).

import { createRequire } from 'node:module';
import type { z } from 'zod';
import { didYouMean } from '../util/suggest.js';

type Zod = typeof import('zod');
type ValueTypeName = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object';

let built: ReturnType<typeof buildSchemas> | null = null;

/**
 * The schemas, built on first use. zod costs ~100 ms to load, and a process only needs it when a
 * definition is not in the on-disk cache (load-registry.ts), so it is required lazily; the schema
 * code below is unchanged, only wrapped in a function.
 */
export function rawSchemas(): ReturnType<typeof buildSchemas> {
  return (built ??= buildSchemas((createRequire(import.meta.url)('zod') as Zod).z));
}

function buildSchemas(z: Zod['z']) {
  /** A strict object whose unknown-key message suggests the nearest known key. */
  function strict<T extends z.ZodRawShape>(shape: T) {
    const known = Object.keys(shape);
    return z.strictObject(shape, {
      error: (iss) =>
        iss.code === 'unrecognized_keys'
          ? iss.keys.map((k) => `unknown key '${k}'${suffix(didYouMean(k, known))}`).join('; ')
          : undefined,
    });
  }

  const snakeName = z.string().regex(/^[a-z_][a-z0-9_]*$/, 'must be a snake_case name (a-z, 0-9, _)');
  const enumName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must be an identifier');
  const text = z.string().min(1, 'must not be empty');
  const valueType = z.enum(['string', 'integer', 'number', 'boolean', 'array', 'object']);
  /** `$.a.b`: a dotted path into a response body; the only "expression" a spec may hold. */
  const objectKey = z.string().regex(/^\$(\.[A-Za-z_][A-Za-z0-9_]*)+$/, "must look like '$.key' or '$.a.b'");

  const rawField: z.ZodType<RawField> = z.lazy(() =>
    strict({
      type: valueType,
      description: z.string().optional(),
      enum: enumName.optional(),
      items: valueType.optional(),
      properties: z.record(snakeName, rawField).optional(),
      required: z.boolean().optional(),
      writeOnly: z.boolean().optional(),
      readOnly: z.boolean().optional(),
      minimum: z.number().optional(),
      /** How an integer is meant: `epoch-ms` = Unix time in milliseconds (tables show it as ISO-8601 UTC). */
      format: z.enum(['epoch-ms']).optional(),
    }),
  );

  const rawParam = strict({
    type: valueType,
    description: z.string().optional(),
    enum: enumName.optional(),
    items: valueType.optional(),
    local: z.enum(['server', 'column', 'any-of', 'request']),
    column: snakeName.optional(),
    minimum: z.number().optional(),
  });

  const rawConstraint = z.discriminatedUnion('kind', [
    strict({ kind: z.literal('exactly-one-of'), fields: z.array(z.string()).min(2, 'needs at least two fields') }),
    strict({ kind: z.literal('at-most-one-of'), fields: z.array(z.string()).min(2, 'needs at least two fields') }),
    strict({ kind: z.literal('value-requires-absent'), field: z.string(), value: text, absent: z.string() }),
    strict({ kind: z.literal('non-empty'), field: z.string() }),
  ]);

  const rawRetry = strict({
    attempts: z.number().int().min(1, 'must be at least 1 (1 = never retried)'),
    baseDelayMs: z.number().int().min(0),
    maxDelayMs: z.number().int().min(0),
    retryOn: z.array(z.number().int().min(100).max(599)),
    retryNetworkErrors: z.boolean(),
    mode: z.enum(['safe', 'check-then-retry', 'never']),
    notFoundAfterRetryIsSuccess: z.boolean().optional(),
  });

  /**
   * The long form of an input: `{ in: query, as: filter, encode: filter-expression }` sends the value
   * under another wire name (`as`) and/or shaped by a named encoding (the only ones in types.ts).
   */
  const rawInput = strict({
    in: z.enum(['query', 'body', 'path']),
    as: snakeName.optional(),
    encode: z.enum(['filter-expression']).optional(),
  });

  const rawMethod = strict({
    description: z.string().optional(),
    httpMethod: z.enum(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']),
    path: z.string().regex(/^\/\S*$/, "must start with '/' and contain no spaces"),
    /** name → where it goes; a map keeps the order and refuses a name given twice. */
    inputs: z.record(z.string(), z.union([z.enum(['query', 'body', 'path']), rawInput])).optional(),
    required: z.array(z.string()),
    /** Explicit, even when null: where the rows are is a decision, not a default. */
    objectKey: objectKey.nullable(),
    alternativeKeys: z.array(objectKey).optional(),
    pagination: strict({
      requestToken: snakeName,
      responseToken: snakeName,
      /** The page size asked for when the statement gives none: the API's maximum, so a listing makes fewest round trips. */
      pageSize: strict({ input: snakeName, size: z.number().int().positive() }).optional(),
    })
      .nullable()
      .optional(),
    retry: rawRetry,
    constraints: z.array(rawConstraint).optional(),
    /** Inputs the API's rows leave out (a listing scoped to them); each row gets the value sent. */
    echoInputs: z.array(z.string()).optional(),
    pastTense: text,
    /** HTTP status → the hint shown with that error from this method (instead of the generic one). */
    errorHints: z.record(z.string().regex(/^[1-5]\d\d$/, 'must be an HTTP status such as 400'), text).optional(),
  });

  const rawDefinition = strict({
    id: text,
    provider: snakeName,
    service: snakeName,
    name: snakeName,
    title: text,
    description: z.string().optional(),
    noun: strict({ singular: text, plural: text }),
    serverParam: z.string(),
    /** What the server param names (default: a workspace). */
    server: z
      .discriminatedUnion('kind', [
        strict({ kind: z.literal('workspace') }),
        strict({ kind: z.literal('account'), hosts: strict({ aws: z.url(), azure: z.url().optional(), gcp: z.url().optional() }) }),
        strict({ kind: z.literal('local'), reader: z.enum(['databricks-config-profiles']) }),
      ])
      .optional(),
    idField: z.string(),
    naturalKey: z.array(z.string()).optional(),
    createdAtField: z.string().optional(),
    enums: z.record(enumName, z.array(text).min(1, 'must list at least one value')).optional(),
    fields: z.record(snakeName, rawField),
    params: z.record(snakeName, rawParam),
    methods: z.record(snakeName, rawMethod),
    sqlVerbs: strict({
      select: z.string().nullable().optional(),
      insert: z.string().nullable().optional(),
      update: z.string().nullable().optional(),
      delete: z.string().nullable().optional(),
      /** Other methods SELECT may use, chosen by the params a statement gives (plan/choose-select-method.ts). */
      selectAlso: z.array(z.string()).optional(),
    }),
    examples: z.array(strict({ title: text, sql: text })).optional(),
    /** The definition's own version (shown by hookql --version); bump it when the file changes meaning. */
    version: text.optional(),
  });

  return { rawDefinition, rawParam, rawMethod };
}

function suffix(hint: string): string {
  return hint === '' ? '' : ` — ${hint}`;
}

export interface RawField {
  type: ValueTypeName;
  description?: string;
  enum?: string;
  items?: ValueTypeName;
  properties?: Record<string, RawField>;
  required?: boolean;
  writeOnly?: boolean;
  readOnly?: boolean;
  minimum?: number;
  format?: 'epoch-ms';
}

type Schemas = ReturnType<typeof buildSchemas>;
export type RawDefinition = z.infer<Schemas['rawDefinition']>;
export type RawParam = z.infer<Schemas['rawParam']>;
export type RawMethod = z.infer<Schemas['rawMethod']>;
