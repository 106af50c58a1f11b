// A write's responses as the rows its RETURNING asks for: the object as one JSON column
// (`RETURNING <singular noun>`), the resource's columns (`RETURNING *`, names), or an EXEC's response keys.

import type { ReturningPlan } from '../plan/types.js';
import type { CellValue, ResultColumn } from '../result.js';
import { cell } from './scratch-table.js';

/** One written (or, for ON CONFLICT, found) row and the workspace it lives in. */
export interface WrittenRow {
  readonly value: unknown;
  readonly workspace: string;
}

export function shapeRows(r: ReturningPlan, done: readonly WrittenRow[]): { columns: ResultColumn[]; rows: CellValue[][] } {
  switch (r.kind) {
    case 'none':
      return { columns: [], rows: [] };
    case 'object':
      return { columns: [{ name: r.as, type: 'json' }], rows: done.map((d) => [JSON.stringify(d.value ?? null)]) };
    case 'columns': {
      // A list method run through EXEC returns an array; every other write returns one object.
      const items = done.flatMap((d) => (Array.isArray(d.value) ? d.value : [d.value]).map((v) => ({ v, ws: d.workspace })));
      return {
        columns: r.columns.map((c) => ({ name: c.name, type: c.type })),
        rows: items.map(({ v, ws }) => r.columns.map((c) => cell(c, v, ws) as CellValue)),
      };
    }
    case 'response': {
      const objects = done.map((d) => (d.value !== null && typeof d.value === 'object' ? (d.value as Record<string, unknown>) : {}));
      const keys = [...new Set(objects.flatMap((o) => Object.keys(o)))];
      return {
        columns: keys.map((k) => ({ name: k, type: objects.some((o) => o[k] !== null && typeof o[k] === 'object') ? 'json' : 'text' })),
        rows: objects.map((o) => keys.map((k) => responseCell(o[k]))),
      };
    }
  }
}

function responseCell(v: unknown): CellValue {
  if (v === undefined || v === null) return null;
  if (typeof v === 'object') return JSON.stringify(v);
  if (typeof v === 'boolean') return String(v);
  return v as CellValue;
}

