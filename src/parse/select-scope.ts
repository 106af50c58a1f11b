// Which table a column reference belongs to, block by block, so each resource scan learns the
// columns used on it and the WHERE conjuncts that filter it. Best effort by design: what cannot be
// attributed with certainty is left to SQLite, which still evaluates the whole query correctly.
import type { Predicate } from './types.js';

/** A resource occurrence being rewritten; frozen into a ResourceScan at the end. */
export interface ScanDraft {
  readonly resource: string;
  readonly table: string;
  /** The FROM alias the user gave, or null (then the SQL names the scan by its scratch table). */
  readonly alias: string | null;
  readonly columns: Set<string>;
  /** Names written in double quotes, as written: `status = "ACTIVE"` meant a string. */
  readonly quoted: Set<string>;
  readonly predicates: Predicate[];
}

/** What a FROM entry is: a resource scan, a table-valued function (json_each…) or anything else. */
export type FromTarget = ScanDraft | 'function' | 'other';

// The columns of SQLite's json_each / json_tree: an unqualified `value` next to a json_each in
// FROM is the function's, never the resource's.
const JSON_EACH_COLUMNS = new Set(['key', 'value', 'type', 'atom', 'id', 'parent', 'fullkey', 'path', 'json', 'root']);

export function isScan(target: FromTarget | null): target is ScanDraft {
  return typeof target === 'object' && target !== null;
}

export class SelectScope {
  private readonly entries: { readonly name: string | null; readonly target: FromTarget }[] = [];

  constructor(readonly parent: SelectScope | null) {}

  add(name: string | null, target: FromTarget): void {
    this.entries.push({ name: name?.toLowerCase() ?? null, target });
  }

  scans(): ScanDraft[] {
    return this.entries.map((e) => e.target).filter(isScan);
  }

  /** The entry named `table` in this block only (predicates never cross blocks). */
  local(table: string): FromTarget | null {
    const name = table.toLowerCase();
    return this.entries.find((e) => e.name === name)?.target ?? null;
  }

  /** The entry named `table` here or in an enclosing block (correlated subqueries). */
  qualified(table: string): FromTarget | null {
    return this.local(table) ?? this.parent?.qualified(table) ?? null;
  }

  /**
   * The scan an unqualified column belongs to: the block's only resource scan, when everything
   * else in FROM is a json_each-like function and the name is not one of that function's columns.
   */
  unqualified(column: string): ScanDraft | null {
    const scans = this.scans();
    if (scans.length !== 1) return null;
    const others = this.entries.filter((e) => e.target !== scans[0]);
    if (others.some((e) => e.target === 'other')) return null;
    if (others.length > 0 && JSON_EACH_COLUMNS.has(column)) return null;
    return scans[0];
  }
}
