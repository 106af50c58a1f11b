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
export async function prepareExistenceProbe(check: ExistenceCheck, list: ListRows, op: Operation, cache?: SnapshotCache): Promise<ExistenceProbe> {
  const rows = cache ? await cache.before(check, list, op) : await listAll(check, list, op);
  const before = new Set(rows.filter((row) => matches(row, check)).map((row) => idOf(row, check)));
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

async function listAll(check: ExistenceCheck, list: ListRows, op: Operation): Promise<unknown[]> {
  const all: unknown[] = [];
  for await (const rows of list(check.list, op)) all.push(...rows);
  return all;
}

/**
 * One "before" listing shared by the creates of a bulk write (a multi-row INSERT, an apply), instead
 * of one extra list per create. A snapshot taken before a create was sent is a valid "before" for it,
 * unless we ourselves sent another create with the same natural key since: then our own earlier row
 * would look like this one's, so that create takes a fresh listing of its own.
 */
export interface SnapshotCache {
  before(check: ExistenceCheck, list: ListRows, op: Operation): Promise<unknown[]>;
  /**
   * A complete listing with no filters (every row of a workspace, e.g. apply reading live state)
   * that finished before later creates were sent: it serves as their "before" too, with no request.
   */
  recordUnfiltered(request: ApiRequest, rows: readonly unknown[]): void;
}

/** Listings larger than this are not kept whole for existence checks (memory stays flat). */
export const MAX_SNAPSHOT_ROWS = 5_000;

interface Snapshot {
  readonly at: number;
  readonly rows: Promise<unknown[]>;
  readonly sentKeys: Set<string>;
}

export function createSnapshotCache(ttlMs = 30_000, now: () => number = Date.now): SnapshotCache {
  const filtered = new Map<string, Snapshot>();
  const unfiltered = new Map<string, Snapshot>();
  const fresh = (s: Snapshot | undefined): s is Snapshot => s !== undefined && now() - s.at <= ttlMs;
  const scope = (r: ApiRequest) => JSON.stringify([r.workspace, r.path]);
  return {
    async before(check, list, op) {
      // Any fixed order names a key once; code-unit order is what ICU's localeCompare cost per create (B4).
      const key = JSON.stringify(Object.entries(check.key).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      let entry = unfiltered.get(scope(check.list));
      if (!fresh(entry)) {
        const id = JSON.stringify([check.list.workspace, check.list.path, check.list.query]);
        entry = filtered.get(id);
        if (!fresh(entry)) {
          entry = { at: now(), rows: listAll(check, list, op), sentKeys: new Set() };
          filtered.set(id, entry);
          entry.rows.catch(() => filtered.delete(id)); // a failed listing is not cached
        }
      }
      if (entry.sentKeys.has(key)) return listAll(check, list, op);
      entry.sentKeys.add(key);
      return entry.rows;
    },
    recordUnfiltered(request, rows) {
      unfiltered.set(scope(request), { at: now(), rows: Promise.resolve([...rows]), sentKeys: new Set() });
    },
  };
}
