// The request of a dependent scan for one combination of fed values, built at run time with the
// same conversion and placement as literal inputs: a fed value is what a literal would have been.

import type { ResourceDefinition } from '../definition/types.js';
import type { SqlValue } from '../parse/types.js';
import { requestShape } from './build-request.js';
import { convertInput } from './convert-input.js';
import { paramOf } from './lookup.js';
import type { ApiRequest, DependentScan } from './types.js';

/** `fed`: input name → value read from a feed's row; the server param, when fed, picks the workspace. */
export function fedRequest(def: ResourceDefinition, dependent: DependentScan, workspace: string | null, fed: Readonly<Record<string, SqlValue>>): ApiRequest {
  const values: Record<string, unknown> = { ...dependent.values };
  for (const [name, raw] of Object.entries(fed)) {
    if (name === def.serverParam) continue;
    const param = paramOf(def, name);
    // A list param fed one item at a time (a column of single values) goes out as a one-item list.
    const value = param?.type === 'array' && typeof raw === 'string' && !raw.trimStart().startsWith('[') ? JSON.stringify([raw]) : raw;
    values[name] = convertInput(def, name, value);
  }
  const server = def.serverParam in fed ? String(fed[def.serverParam]) : workspace;
  return requestShape(def, def.methods[dependent.method], server ?? '', values);
}
