import type { ApiRequest, ExistenceCheck } from '../plan/types.js';
import type { Operation } from './operation.js';
import { jsonEqual, valueAtPath } from './object-path.js';

/** Lists rows page by page (with the list request's own retry policy). */
export type ListRows = (request: ApiRequest, op: Operation) => AsyncIterable<readonly unknown[]>;

export interface ExistenceProbe {
  /** A row matching the natural key that was not there before the first attempt, if any. */
  findNew(op: Operation): Promise<unknown | undefined>;
}

/**
 * Runs before the first attempt of a create: remembers which matching rows already exist, so that
 * after an ambiguous failure only a row that appeared since counts as "our" create having worked.
 */
export async function prepareExistenceProbe(check: ExistenceCheck, list: ListRows, op: Operation): Promise<ExistenceProbe> {
  const before = new Set<string>();
  for await (const rows of list(check.list, op)) {
    for (const row of rows) if (matches(row, check)) before.add(idOf(row, check));
  }
  return {
    async findNew(probeOp) {
      for await (const rows of list(check.list, probeOp)) {
        const found = rows.find((row) => matches(row, check) && !before.has(idOf(row, check)));
        if (found !== undefined) return found;
      }
      return undefined;
    },
  };
}

function matches(row: unknown, check: ExistenceCheck): boolean {
  return Object.entries(check.key).every(([path, expected]) => jsonEqual(valueAtPath(row, path), expected));
}

function idOf(row: unknown, check: ExistenceCheck): string {
  return JSON.stringify(valueAtPath(row, check.idField) ?? null);
}
