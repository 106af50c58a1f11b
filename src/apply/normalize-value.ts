// Manifest values after template resolution → the values the API takes, typed by the definition.
// As in the engine's INSERT, an empty string means "not given": StackQL's manifest renders every
// optional prop as "{{ x }}", so `--var x=` must be a way to leave it out. An object whose
// properties are all empty is not given either (StackQL's manifest lists both target specs).

import type { FieldDef } from '../definition/types.js';

export function normalizeValue(field: FieldDef | undefined, value: unknown): unknown {
  if (value === null || value === undefined || value === '') return undefined;
  if (field === undefined) return value; // an unknown prop: validation reports it, keep the value as is
  switch (field.type) {
    case 'boolean':
      return value === 'true' ? true : value === 'false' ? false : value;
    case 'integer':
    case 'number':
      return typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
    case 'array':
      return normalizeArray(typeof value === 'string' ? parseJsonText(value, '[') : value);
    case 'object':
      return normalizeObject(field, typeof value === 'string' ? parseJsonText(value, '{') : value);
    default:
      return value;
  }
}

function normalizeArray(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const out: unknown[] = [];
  for (const item of value) {
    // A var given on the command line as JSON text ('["A","B"]') fills a list item: splice it in.
    const v = typeof item === 'string' ? parseJsonText(item, '[') : item;
    if (Array.isArray(v)) out.push(...v.filter((x) => x !== '' && x !== null));
    else if (v !== '' && v !== null && v !== undefined) out.push(v);
  }
  return out;
}

function normalizeObject(field: FieldDef, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const n = normalizeValue(field.properties.find((p) => p.name === k), v);
    if (n !== undefined) out[k] = n;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

/** JSON text for an array/object given as a string (a --var), else the string unchanged. */
function parseJsonText(text: string, opener: '[' | '{'): unknown {
  if (!text.trimStart().startsWith(opener)) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text; // left as a string: checkValue reports it as the wrong type
  }
}
