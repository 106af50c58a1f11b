// The top-level AND conjuncts of a block's WHERE that a later stage may turn into request params:
// `col = 'lit'`, `'lit' = col`, `col = 123`, `col IN ('a', 'b')`, with the column unqualified or
// qualified by the scan's alias. Each one found is replaced by a slot identifier
// `"__hookql_pred_N"` that materialize/ swaps for the local check plan/ decides on. Anything under
// OR / NOT, or comparing two columns, stays in the SQL as it is.
import { columnName, identifierNode, isColumnRef, literalValue, qualifierOf, type AstNode, type BinaryExpr, type ColumnRef } from './ast.js';
import { isScan, type ScanDraft, type SelectScope } from './select-scope.js';
import type { SqlValue } from './types.js';

const SLOT_PREFIX = '__hookql_pred_';

export interface PredicateCounter {
  nextPredicate: number;
}

export function extractPredicates(
  where: AstNode,
  scope: SelectScope,
  values: readonly string[],
  counter: PredicateCounter,
): AstNode {
  return mapConjuncts(where, (conjunct) => {
    const match = matchPredicate(conjunct, scope, values);
    if (match === null) return conjunct;
    const slot = `${SLOT_PREFIX}${counter.nextPredicate++}`;
    match.scan.predicates.push({ column: match.column, op: match.op, values: match.values, slot });
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
}

function matchPredicate(node: AstNode, scope: SelectScope, values: readonly string[]): Match | null {
  if (node.type !== 'binary_expr') return null;
  const { operator, left, right } = node as BinaryExpr;
  if (operator === '=') {
    const [ref, literal] = isColumnRef(left) ? [left, right] : [right, left];
    const value = literalValue(literal, values);
    return isColumnRef(ref) && value !== undefined && value !== null ? withScan(ref, scope, '=', [value]) : null;
  }
  if (operator.toUpperCase() === 'IN' && isColumnRef(left) && right.type === 'expr_list') {
    const list = (right.value as AstNode[]).map((item) => literalValue(item, values));
    const complete = list.length > 0 && list.every((v) => v !== undefined && v !== null);
    return complete ? withScan(left, scope, 'in', list as SqlValue[]) : null;
  }
  return null;
}

function withScan(ref: ColumnRef, scope: SelectScope, op: '=' | 'in', values: SqlValue[]): Match | null {
  const column = columnName(ref);
  if (column === '*') return null;
  const qualifier = qualifierOf(ref);
  const target = qualifier === null ? scope.unqualified(column) : scope.local(qualifier);
  return isScan(target) ? { scan: target, column, op, values } : null;
}
