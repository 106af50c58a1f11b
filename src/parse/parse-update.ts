// UPDATE <resource> SET col = 'literal', … WHERE … — the new values must be literals: they become
// the request body, and there is no row to evaluate an expression against before the request.
import { UnsupportedSqlError } from '../errors.js';
import { columnName, literalValue, type AstNode, type ColumnRef } from './ast.js';
import type { StatementSource } from './statement-source.js';
import type { Assignment, Returning, UpdateStatement } from './types.js';
import { writeSelector, writeTarget } from './write-target.js';

export function parseUpdate(ast: AstNode, source: StatementSource, returning: Returning): UpdateStatement {
  const { item, resource } = writeTarget(ast.table, 'UPDATE');
  if (ast.from) throw new UnsupportedSqlError('UPDATE … FROM is not supported', { hint: 'use a subquery in WHERE' });
  const set = ((ast.set ?? []) as (ColumnRef & { value: AstNode })[]).map((a) => assignment(a, source.values));
  const { selector, predicates, hasResidualWhere, whereColumns } = writeSelector(item, (ast.where as AstNode | null) ?? null, source);
  return { kind: 'update', text: source.text, resource, set, predicates, selector, hasResidualWhere, whereColumns, returning };
}

function assignment(node: ColumnRef & { value: AstNode }, values: readonly string[]): Assignment {
  const column = columnName(node);
  const value = literalValue(node.value, values);
  if (value === undefined) {
    throw new UnsupportedSqlError(`SET ${column} = … must be a literal value`, {
      hint: `write SET ${column} = 'text' (JSON objects and arrays as '…' strings), a number, TRUE, FALSE or NULL`,
    });
  }
  return { column, value };
}
