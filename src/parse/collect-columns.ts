// Walks any expression of a SELECT block: records which scan each column reference belongs to,
// hands nested subqueries back to the block walker, and refuses PostgreSQL operators that
// node-sql-parser accepts but SQLite cannot run.
import { UnsupportedSqlError } from '../errors.js';
import { columnName, isColumnRef, isSelect, qualifierOf, setQualifier, type AstNode, type ColumnRef, type SelectNode } from './ast.js';
import { isScan, type SelectScope } from './select-scope.js';
import { isSlot } from './extract-predicates.js';

export interface CollectEnv {
  /** Walks a subquery as a block of its own, nested in `scope`. */
  readonly walkSubquery: (node: SelectNode, scope: SelectScope) => void;
}

const JSON_HINT = "use json_extract(col, '$.a.b') or col ->> '$.a.b'";
const UNSUPPORTED_OPERATORS: Readonly<Record<string, string>> = {
  '~': 'use LIKE or GLOB',
  '~*': 'use LIKE (case-insensitive for ASCII) or GLOB',
  '!~': 'use NOT LIKE or NOT GLOB',
  '!~*': 'use NOT LIKE',
  'SIMILAR TO': 'use LIKE or GLOB',
  '#>': JSON_HINT,
  '#>>': JSON_HINT,
  '#-': 'use json_remove(col, path)',
  '@>': "use EXISTS (SELECT 1 FROM json_each(col) WHERE value = '…')",
  '<@': "use EXISTS (SELECT 1 FROM json_each(col) WHERE value = '…')",
  '&&': "use EXISTS (SELECT 1 FROM json_each(col) WHERE value IN ('…'))",
  '?|': "use EXISTS (SELECT 1 FROM json_each(col) WHERE key IN ('…'))",
  '?&': 'use json_extract for each key',
};

/**
 * `excluded`: output aliases of the block, which WHERE / GROUP BY / ORDER BY may name and which
 * are not columns of any table.
 */
export function collectColumns(
  node: unknown,
  scope: SelectScope,
  env: CollectEnv,
  excluded: ReadonlySet<string> | null = null,
): void {
  if (Array.isArray(node)) {
    for (const child of node) collectColumns(child, scope, env, excluded);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  if (isSelect(node)) return env.walkSubquery(node, scope);
  if (isColumnRef(node)) return reference(node, scope, excluded);
  const ast = node as AstNode;
  if (ast.type === 'binary_expr') rejectOperator(String(ast.operator));
  for (const child of Object.values(ast)) collectColumns(child, scope, env, excluded);
}

function reference(ref: ColumnRef, scope: SelectScope, excluded: ReadonlySet<string> | null): void {
  if (isSlot(ref)) return;
  const name = columnName(ref);
  const qualifier = qualifierOf(ref);
  const quoted = typeof ref.column === 'object' && ref.column.expr.type === 'double_quote_string' ? String(ref.column.expr.value) : null;
  if (qualifier !== null) {
    const target = scope.qualified(qualifier);
    if (!isScan(target)) return;
    target.columns.add(name);
    if (quoted !== null) target.quoted.add(quoted);
    if (target.alias === null) setQualifier(ref, target.table);
  } else if (name === '*') {
    for (const scan of scope.scans()) scan.columns.add('*');
  } else if (!excluded?.has(name)) {
    const target = scope.unqualified(name);
    target?.columns.add(name);
    if (quoted !== null) target?.quoted.add(quoted);
  }
}

function rejectOperator(operator: string): void {
  const hint = UNSUPPORTED_OPERATORS[operator.toUpperCase()];
  if (hint !== undefined) {
    throw new UnsupportedSqlError(`the PostgreSQL operator ${operator} is not supported (queries run in SQLite)`, { hint });
  }
}
