// The scratch table's columns for a resource: every field, plus the server param so each row
// keeps the workspace it came from.

import type { ResourceDefinition, ValueType } from '../definition/types.js';
import type { ScratchColumn } from './types.js';

export function scratchColumns(def: ResourceDefinition): ScratchColumn[] {
  const columns: ScratchColumn[] = def.fields.map((f) => ({ name: f.name, type: f.format === 'epoch-ms' ? 'epoch-ms' : sqliteType(f.type), source: 'field' }));
  if (!columns.some((c) => c.name === def.serverParam)) {
    columns.push({ name: def.serverParam, type: 'text', source: 'server' });
  }
  return columns;
}

export function sqliteType(type: ValueType): ScratchColumn['type'] {
  switch (type) {
    case 'array':
    case 'object':
      return 'json';
    case 'integer':
      return 'integer';
    case 'number':
      return 'real';
    case 'boolean':
      return 'boolean';
    case 'string':
      return 'text';
  }
}
