// The resource an INSERT / UPDATE / DELETE writes to, and — for UPDATE and DELETE — the SELECT
// that finds the rows it touches: `SELECT * FROM <resource> WHERE <the whole WHERE>`, rewritten like
// any other SELECT (its own scan and predicate slots).
import { UnknownResourceError, UnsupportedSqlError } from '../errors.js';
import { columnName, isColumnRef, isSelect, resourceName, type AstNode, type FromItem, type SelectNode } from './ast.js';
import { hasResidual } from './extract-predicates.js';
import { rewriteSelect, selectContext } from './rewrite-select.js';
import type { StatementSource } from './statement-source.js';
import type { Predicate, SelectStatement } from './types.js';

export function writeTarget(items: unknown, verb: string): { readonly item: FromItem; readonly resource: string } {
  const list = (Array.isArray(items) ? items : []) as FromItem[];
  if (list.length !== 1) {
    throw new UnsupportedSqlError(`${verb} must name exactly one resource`, { hint: `${verb} provider.service.resource …` });
  }
  const resource = resourceName(list[0]);
  if (resource === null) {
    const name = [list[0].db, list[0].schema, list[0].table].filter(Boolean).join('.');
    throw new UnknownResourceError(`unknown resource '${name}'`, {
      hint: 'resources have 3-part names, provider.service.resource (SHOW RESOURCES IN provider.service lists them)',
    });
  }
  return { item: list[0], resource };
}

export interface WriteSelector {
  readonly selector: SelectStatement;
  readonly predicates: readonly Predicate[];
  readonly hasResidualWhere: boolean;
  /** Columns the WHERE refers to outside its subqueries: what the write's rows are chosen by. */
  readonly whereColumns: readonly string[];
}

export function writeSelector(item: FromItem, where: AstNode | null, source: StatementSource): WriteSelector {
  const ast: SelectNode = {
    type: 'select',
    with: null,
    options: null,
    distinct: { type: null },
    columns: [{ expr: { type: 'column_ref', table: null, column: '*' }, as: null }],
    into: { position: null },
    from: [{ db: item.db, schema: item.schema, table: item.table, as: item.as ?? null }],
    where,
    groupby: null,
    having: null,
    orderby: null,
    limit: { seperator: '', value: [] },
    window: null,
  };
  // Read before the rewrite, which swaps the extractable conjuncts for slots.
  const whereColumns = columnsOf(where);
  const selector = rewriteSelect(ast, selectContext(source), { aliasItems: false });
  const predicates = selector.scans[0].predicates;
  // `id IN (SELECT …)` names its rows only once the subquery has run: the rows are found first.
  return { selector, predicates, hasResidualWhere: hasResidual(ast.where) || predicates.some((p) => p.subquery !== undefined), whereColumns };
}

/** Column names referenced in an expression, not descending into subqueries (`IN (SELECT …)`). */
function columnsOf(node: unknown): string[] {
  const found = new Set<string>();
  const walk = (n: unknown): void => {
    if (n === null || typeof n !== 'object' || isSelect(n)) return;
    if (isColumnRef(n)) {
      found.add(columnName(n));
      return;
    }
    for (const [key, value] of Object.entries(n)) if (key !== 'ast') walk(value);
  };
  walk(node);
  return [...found];
}
