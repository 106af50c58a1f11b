// Checks a parsed 2xx body against the shape its method declares (definition/response-shape.ts).
// A mismatch is a failed request naming the path of the bad value, never rows of NULLs.

import type { FieldDef, ValueType } from '../definition/types.js';
import type { ResponseShape } from '../definition/response-shape.js';
import { isPlainObject, valueAtPath } from './object-path.js';

export type ShapeProblem =
  | { readonly kind: 'mismatch'; readonly message: string }
  /** The body is a Databricks error envelope although the status was 2xx. */
  | { readonly kind: 'error-envelope'; readonly errorCode: string; readonly message: string };

/** null when the body fits the shape. */
export function checkResponse(body: unknown, shape: ResponseShape): ShapeProblem | null {
  // A list whose rows are the whole body may answer a bare array (the Account API's workspace list).
  if (Array.isArray(body) && shape.kind === 'list' && shape.objectKey === null) return checkList({}, { path: '$', value: body }, shape);
  if (!isPlainObject(body)) return mismatch('$', 'object', body);
  const envelope = errorEnvelope(body, shape);
  if (envelope !== null) return envelope;
  const at = located(body, shape);
  if (shape.kind === 'list') return checkList(body, at, shape);
  if (at.value === undefined || at.value === null) {
    return shape.requiredId === null ? null : { kind: 'mismatch', message: `${at.path}: missing; the created row was not returned` };
  }
  if (shape.kind === 'call' && at.path === '$') return null;
  if (!isPlainObject(at.value)) return mismatch(at.path, 'object', at.value);
  if (shape.kind === 'call') return null;
  const bad = checkFields(at.value, shape.fields, at.path);
  if (bad !== null) return bad;
  const id = at.value[shape.requiredId ?? ''];
  if (shape.requiredId !== null && (id === undefined || id === null || id === '')) {
    return { kind: 'mismatch', message: `${at.path}.${shape.requiredId}: missing; the created row has no ${shape.requiredId}` };
  }
  return null;
}

function checkList(body: Record<string, unknown>, at: Located, shape: ResponseShape): ShapeProblem | null {
  if (shape.pageToken !== null) {
    const token = valueAtPath(body, shape.pageToken);
    if (token !== undefined && token !== null && typeof token !== 'string' && typeof token !== 'number') {
      return mismatch(`$.${shape.pageToken}`, 'string', token);
    }
  }
  const v = at.value;
  if (v === undefined || v === null) return null;
  if (isPlainObject(v)) return checkFields(v, shape.fields, at.path);
  if (!Array.isArray(v)) return mismatch(at.path, 'array', v);
  const fitsAll = fitter(shape.fields);
  for (let i = 0; i < v.length; i++) {
    const item: unknown = v[i];
    if (!isPlainObject(item)) return mismatch(`${at.path}[${i}]`, 'object', item);
    if (fitsAll(item)) continue;
    const bad = misfit(item, shape.fields);
    if (bad !== null) return mismatch(`${at.path}[${i}]${bad.rel}`, bad.expected, bad.value);
  }
  return null;
}

type Fitter = (row: Record<string, unknown>) => boolean;
const fitters = new WeakMap<readonly FieldDef[], Fitter>();

/**
 * misfit() as a yes/no, unrolled into one generated function per field list (made once per
 * definition, cached): the same loads in the same order and the same fits() tests, but each load is
 * `row["id"]`, a named load V8 caches for the rows' shape, instead of `row[f.name]`, a keyed load
 * by a name read from the definition. Over a listing's 10,000 rows (~10 fields each, nested objects
 * too) that is ~8 ms against ~30 ms. A row that does not fit goes through misfit() for its message.
 */
function fitter(fields: readonly FieldDef[]): Fitter {
  let fn = fitters.get(fields);
  if (fn !== undefined) return fn;
  const nested: Fitter[] = [];
  const body = fields.map((f) => {
    const test = [`if (!fits(v, ${JSON.stringify(f.type)})) return false;`];
    if (f.type === 'array' && f.items !== null) test.push(`for (let i = 0; i < v.length; i++) if (v[i] !== null && !fits(v[i], ${JSON.stringify(f.items)})) return false;`);
    if (f.type === 'object' && f.properties.length > 0) test.push(`if (!nested[${nested.push(fitter(f.properties)) - 1}](v)) return false;`);
    return `v = row[${JSON.stringify(f.name)}];\nif (v !== undefined && v !== null) { ${test.join(' ')} }`;
  });
  try {
    fn = new Function('fits', 'nested', `return function fitsAll(row) {\nlet v;\n${body.join('\n')}\nreturn true;\n};`)(fits, nested) as Fitter;
  } catch {
    // node --disallow-code-generation-from-strings: the same answer, by the loop.
    fn = (row) => misfit(row, fields) === null;
  }
  fitters.set(fields, fn);
  return fn;
}

function checkFields(row: Record<string, unknown>, fields: readonly FieldDef[], path: string): ShapeProblem | null {
  const bad = misfit(row, fields);
  return bad === null ? null : mismatch(`${path}${bad.rel}`, bad.expected, bad.value);
}

/** The first value of the row that does not fit, at a path relative to the row (spelled out only then: a listing checks every field of every row). */
interface Misfit {
  readonly rel: string;
  readonly expected: ValueType;
  readonly value: unknown;
}

function misfit(row: Record<string, unknown>, fields: readonly FieldDef[]): Misfit | null {
  for (const f of fields) {
    const v = row[f.name];
    if (v === undefined || v === null) continue;
    if (!fits(v, f.type)) return { rel: `.${f.name}`, expected: f.type, value: v };
    if (f.type === 'array' && f.items !== null) {
      const items = v as unknown[];
      for (let i = 0; i < items.length; i++) {
        if (items[i] !== null && !fits(items[i], f.items)) return { rel: `.${f.name}[${i}]`, expected: f.items, value: items[i] };
      }
    }
    if (f.type === 'object' && f.properties.length > 0) {
      const bad = misfit(v as Record<string, unknown>, f.properties);
      if (bad !== null) return { ...bad, rel: `.${f.name}${bad.rel}` };
    }
  }
  return null;
}

/** Tolerant where real APIs vary: ids may be numbers, int64s may be digit strings (proto3 JSON). */
function fits(v: unknown, type: ValueType): boolean {
  switch (type) {
    case 'string':
      return typeof v === 'string' || typeof v === 'number';
    case 'integer':
      return (typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && /^-?\d+$/.test(v));
    case 'number':
      return (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)));
    case 'boolean':
      return typeof v === 'boolean';
    case 'array':
      return Array.isArray(v);
    case 'object':
      return isPlainObject(v);
  }
}

interface Located {
  readonly path: string;
  readonly value: unknown;
}

/** The value at objectKey, else at the first alternative key present, else (no key) the body. */
function located(body: Record<string, unknown>, shape: ResponseShape): Located {
  const keys = shape.objectKey === null ? shape.alternativeKeys : [shape.objectKey, ...shape.alternativeKeys];
  for (const key of keys) {
    const value = valueAtPath(body, key);
    if (value !== undefined) return { path: key, value };
  }
  if (shape.objectKey === null) return { path: '$', value: body };
  return { path: shape.objectKey, value: undefined };
}

function errorEnvelope(body: Record<string, unknown>, shape: ResponseShape): ShapeProblem | null {
  const code = body.error_code;
  if ((typeof code !== 'string' || code === '') && typeof code !== 'number') return null;
  // Unless the rows themselves are the body and declare an error_code column.
  if (shape.objectKey === null && shape.fields.some((f) => f.name === 'error_code')) return null;
  if (shape.objectKey !== null && valueAtPath(body, shape.objectKey) !== undefined) return null;
  const message = typeof body.message === 'string' ? body.message : 'no message';
  return { kind: 'error-envelope', errorCode: String(code), message };
}

function mismatch(path: string, expected: string, got: unknown): ShapeProblem {
  return { kind: 'mismatch', message: `${path}: expected ${expected}, got ${kindOf(got)}` };
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}
