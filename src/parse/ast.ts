// The part of node-sql-parser's AST that hookql reads or rewrites (its published types are
// incomplete). Nodes are plain objects; the rewrite mutates a freshly parsed tree it owns.
import type { SqlValue } from './types.js';
import { LITERAL_PLACEHOLDER } from './lift-literals.js';

export interface AstNode {
  type?: string;
  [key: string]: unknown;
}

export interface ColumnRef extends AstNode {
  type: 'column_ref';
  /** A string, except in `t.*` where node-sql-parser gives `{ type, value }`. */
  table: string | { type: string; value: string } | null;
  /** `'*'` for `t.*` / `*`; otherwise the identifier, typed `default` (bare) or `double_quote_string`. */
  column: string | { expr: { type: string; value: string } };
}

export interface BinaryExpr extends AstNode {
  type: 'binary_expr';
  operator: string;
  left: AstNode;
  right: AstNode;
}

export interface SelectItem {
  expr: AstNode;
  as: string | null;
}

export interface FromItem extends AstNode {
  db?: string | null;
  schema?: string | null;
  table?: string;
  as?: string | null;
  /** A subquery (`{ ast }`) or a table-valued function such as json_each(…). */
  expr?: AstNode & { ast?: SelectNode };
  on?: AstNode | null;
}

export interface Cte {
  name: { value: string } | string;
  stmt: SelectNode & { ast?: SelectNode };
}

export interface SelectNode extends AstNode {
  type: 'select';
  with: Cte[] | null;
  distinct: { type: string | null } | null;
  columns: SelectItem[];
  from: FromItem[] | null;
  where: AstNode | null;
  _next?: SelectNode;
}

export function isColumnRef(node: unknown): node is ColumnRef {
  return (node as AstNode | null)?.type === 'column_ref';
}

export function isSelect(node: unknown): node is SelectNode {
  return (node as AstNode | null)?.type === 'select';
}

/** The column a reference names, lower-cased (`*` for a star). */
export function columnName(ref: ColumnRef): string {
  return typeof ref.column === 'string' ? ref.column.toLowerCase() : String(ref.column.expr.value).toLowerCase();
}

/** The table qualifier of a reference, or null. */
export function qualifierOf(ref: ColumnRef): string | null {
  return typeof ref.table === 'object' && ref.table !== null ? ref.table.value : ref.table;
}

/** Renames the table qualifier of a reference, in whichever shape it has. */
export function setQualifier(ref: ColumnRef, table: string): void {
  if (typeof ref.table === 'object' && ref.table !== null) ref.table.value = table;
  else ref.table = table;
}

/** The value of a literal node: a lifted string, a number, a boolean or NULL; undefined otherwise. */
export function literalValue(node: AstNode, values: readonly string[]): SqlValue | undefined {
  switch (node.type) {
    case 'single_quote_string':
    case 'string': {
      const index = LITERAL_PLACEHOLDER.exec(String(node.value))?.[1];
      return index === undefined ? undefined : values[Number(index)];
    }
    case 'number':
      return Number(node.value);
    case 'bigint':
      // Beyond 2^53: kept as its digits rather than silently rounded.
      return String(node.value);
    case 'bool':
    case 'boolean':
      return node.value === true || String(node.value).toUpperCase() === 'TRUE';
    case 'null':
      return null;
    default:
      return undefined;
  }
}

/** A bare identifier reference, as `"name"` in the generated SQL. */
export function identifierNode(name: string): ColumnRef {
  return { type: 'column_ref', table: null, column: { expr: { type: 'double_quote_string', value: name } } };
}

/** `provider.service.resource` lower-cased, for a FROM / INSERT / UPDATE target with 3 parts. */
export function resourceName(item: FromItem): string | null {
  if (!item.db || !item.schema || !item.table) return null;
  return `${item.db}.${item.schema}.${item.table}`.toLowerCase();
}
