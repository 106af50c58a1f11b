// SQL values → API values. Objects and arrays arrive as JSON strings (as in StackQL); an empty
// string for an optional input means "not given", because templates render absent values that way.

import type { ResourceDefinition } from '../definition/types.js';
import { checkValue } from '../definition/index.js';
import { InvalidValueError } from '../errors.js';
import type { SqlValue } from '../parse/types.js';
import { parseJsonText } from '../util/json-text.js';
import { inputType } from './lookup.js';

/** `undefined` = not given. Throws InvalidValueError naming the input and the problem. */
export function convertInput(def: ResourceDefinition, name: string, raw: SqlValue | unknown): unknown {
  if (raw === null || raw === undefined || raw === '') return undefined;
  const { type } = inputType(def, name);
  const value = coerce(name, type, raw);
  const problems = checkValue(def, name, value, name);
  if (problems.length > 0) {
    throw new InvalidValueError(`invalid value for '${name}': ${problems.join('; ')}`, { hint: hintFor(def, name) });
  }
  return value;
}

function coerce(name: string, type: string, raw: unknown): unknown {
  switch (type) {
    case 'array':
    case 'object':
      return typeof raw === 'string' ? parseJson(name, type, raw) : raw;
    case 'integer':
    case 'number': {
      // Decimal notation only: Number() would also read '0x10', 'Infinity' or '1e400' and send
      // something other than what was typed. Past 2^53 an integer is no longer exact (checkValue).
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && DECIMAL[type as 'integer' | 'number'].test(raw) ? Number(raw) : NaN;
      if (!Number.isFinite(n) || (type === 'integer' && !Number.isInteger(n))) {
        throw new InvalidValueError(`invalid value for '${name}': '${String(raw)}' is not ${type === 'integer' ? 'an integer' : 'a number'}`);
      }
      return n;
    }
    case 'boolean':
      if (raw === true || raw === 1 || raw === 'true') return true;
      if (raw === false || raw === 0 || raw === 'false') return false;
      throw new InvalidValueError(`invalid value for '${name}': '${String(raw)}' is not true or false`);
    default:
      // A scalar is taken as its text (`@@json='{"id": 5}'`); an object would go out as "[object Object]".
      if (raw !== null && typeof raw === 'object') {
        throw new InvalidValueError(`invalid value for '${name}': expected a string, got ${Array.isArray(raw) ? 'an array' : 'an object'}`);
      }
      return typeof raw === 'string' ? raw : String(raw);
  }
}

function parseJson(name: string, type: string, text: string): unknown {
  const parsed = parseJsonText(text);
  if (parsed.ok) return parsed.value;
  throw new InvalidValueError(`invalid value for '${name}': not valid JSON (${parsed.reason})`, {
    hint: `give ${type === 'array' ? 'arrays' : 'objects'} as JSON text, e.g. ${name} = '${type === 'array' ? '["A", "B"]' : '{"key": "value"}'}'`,
  });
}

const DECIMAL: Readonly<Record<'integer' | 'number', RegExp>> = {
  integer: /^\s*[+-]?\d+\s*$/,
  number: /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/,
};

function hintFor(def: ResourceDefinition, name: string): string | undefined {
  const t = inputType(def, name);
  const values = t.enum ? def.enums[t.enum] : undefined;
  if (values) return `allowed values for ${name}: ${values.join(', ')}`;
  return `see DESCRIBE EXTENDED ${def.id}`;
}
