// The top-level AND conjuncts of a block's WHERE (or of a JOIN's ON) that a later stage may turn into
// request params: `col = 'lit'`, `'lit' = col`, `col = 123`, `col IN ('a', 'b')` and
// `col IN (SELECT …)`, with the column unqualified or qualified by the scan's alias. Each one found is
// replaced by a slot identifier `"__hookql_pred_N"` that materialize/ swaps for the local check plan/
// decides on. A conjunct comparing columns of two scans (`c.name = p.name`) stays in the SQL and is
// recorded as a link (plan/ may feed one side's required input from the other). Anything under OR /
// NOT stays in the SQL as it is.
import { columnName, identifierNode, isColumnRef, isSelect, literalValue, qualifierOf, type AstNode, type BinaryExpr, type ColumnRef, type SelectNode } from './ast.js';
import { isScan, type ScanDraft, type SelectScope } from './select-scope.js';
import type { ColumnLink, SqlValue } from './types.js';

const SLOT_PREFIX = '__hookql_pred_';

export interface PredicateCounter {
  nextPredicate: number;
}

export interface ExtractEnv {
  readonly values: readonly string[];
  readonly counter: PredicateCounter;
  readonly links: ColumnLink[];
  /**
   * The scans a conjunct may be attributed to. WHERE and an inner JOIN's ON: any scan of the block;
   * a LEFT JOIN's ON: only the joined table (filtering the preserved side there would drop its rows).
   */
  readonly accepts: (scan: ScanDraft) => boolean;
  /** Walks the subquery of `col IN (SELECT …)` as a block nested in `scope`; returns its SQLite SQL. */
  readonly subquery: (node: SelectNode, scope: SelectScope) => string;
}

export function extractPredicates(where: AstNode, scope: SelectScope, env: ExtractEnv): AstNode {
  return mapConjuncts(where, (conjunct) => {
    const link = matchLink(conjunct, scope, env);
    if (link !== null) {
      env.links.push(link);
      return conjunct;
    }
    const match = matchPredicate(conjunct, scope, env);
    if (match === null) return conjunct;
    const slot = `${SLOT_PREFIX}${env.counter.nextPredicate++}`;
    const base = { column: match.column, op: match.op, values: match.values, slot };
    match.scan.predicates.push(match.subquery === null ? base : { ...base, subquery: env.subquery(match.subquery, scope) });
    match.scan.columns.add(match.column);
    return identifierNode(slot);
  });
}

/** True when WHERE keeps anything besides predicate slots. */
export function hasResidual(where: AstNode | null): boolean {
  let residual = false;
  if (where !== null) {
    mapConjuncts(where, (conjunct) => {
      if (!isSlot(conjunct)) residual = true;
      return conjunct;
    });
  }
  return residual;
}

export function isSlot(node: AstNode): boolean {
  return isColumnRef(node) && qualifierOf(node) === null && columnName(node).startsWith(SLOT_PREFIX);
}

function mapConjuncts(node: AstNode, map: (conjunct: AstNode) => AstNode): AstNode {
  if (node.type === 'binary_expr' && String(node.operator).toUpperCase() === 'AND') {
    const and = node as BinaryExpr;
    and.left = mapConjuncts(and.left, map);
    and.right = mapConjuncts(and.right, map);
    return and;
  }
  return map(node);
}

interface Match {
  readonly scan: ScanDraft;
  readonly column: string;
  readonly op: '=' | 'in';
  readonly values: readonly SqlValue[];
  readonly subquery: SelectNode | null;
}

function matchPredicate(node: AstNode, scope: SelectScope, env: ExtractEnv): Match | null {
  if (node.type !== 'binary_expr') return null;
  const { operator, left, right } = node as BinaryExpr;
  if (operator === '=') {
    const [ref, literal] = isColumnRef(left) ? [left, right] : [right, left];
    const value = literalValue(literal, env.values);
    return isColumnRef(ref) && value !== undefined && value !== null ? withScan(ref, scope, env, '=', [value]) : null;
  }
  if (operator.toUpperCase() === 'IN' && isColumnRef(left) && right.type === 'expr_list') {
    const items = right.value as AstNode[];
    const sub = items.length === 1 ? (items[0] as { ast?: unknown }).ast : undefined;
    if (isSelect(sub)) return withScan(left, scope, env, 'in', [], sub);
    const list = items.map((item) => literalValue(item, env.values));
    const complete = list.length > 0 && list.every((v) => v !== undefined && v !== null);
    return complete ? withScan(left, scope, env, 'in', list as SqlValue[]) : null;
  }
  return null;
}

function withScan(ref: ColumnRef, scope: SelectScope, env: ExtractEnv, op: '=' | 'in', values: SqlValue[], subquery: SelectNode | null = null): Match | null {
  const target = scanOf(ref, scope);
  return target !== null && env.accepts(target) ? { scan: target, column: columnName(ref), op, values, subquery } : null;
}

function scanOf(ref: ColumnRef, scope: SelectScope): ScanDraft | null {
  const column = columnName(ref);
  if (column === '*') return null;
  const qualifier = qualifierOf(ref);
  const target = qualifier === null ? scope.unqualified(column) : scope.local(qualifier);
  return isScan(target) ? target : null;
}

/** `a.x = b.y` between two different scans of this block (qualified: unqualified names are ambiguous). */
function matchLink(node: AstNode, scope: SelectScope, env: ExtractEnv): ColumnLink | null {
  if (node.type !== 'binary_expr' || (node as BinaryExpr).operator !== '=') return null;
  const { left, right } = node as BinaryExpr;
  if (!isColumnRef(left) || !isColumnRef(right) || qualifierOf(left) === null || qualifierOf(right) === null) return null;
  const a = scanOf(left, scope);
  const b = scanOf(right, scope);
  if (a === null || b === null || a === b) return null;
  a.columns.add(columnName(left));
  b.columns.add(columnName(right));
  return {
    left: { table: a.table, column: columnName(left) },
    right: { table: b.table, column: columnName(right) },
    feeds: [a, b].filter(env.accepts).map((s) => s.table),
  };
}
