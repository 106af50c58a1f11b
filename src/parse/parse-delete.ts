// DELETE FROM <resource> WHERE …
import { UnsupportedSqlError } from '../errors.js';
import type { AstNode } from './ast.js';
import type { StatementSource } from './statement-source.js';
import type { DeleteStatement, Returning } from './types.js';
import { writeSelector, writeTarget } from './write-target.js';

export function parseDelete(ast: AstNode, source: StatementSource, returning: Returning): DeleteStatement {
  if (ast.using) throw new UnsupportedSqlError('DELETE … USING is not supported', { hint: 'use a subquery in WHERE' });
  const { item, resource } = writeTarget(ast.from, 'DELETE FROM');
  const { selector, predicates, hasResidualWhere, whereColumns } = writeSelector(item, (ast.where as AstNode | null) ?? null, source);
  return { kind: 'delete', text: source.text, resource, predicates, selector, hasResidualWhere, whereColumns, returning };
}
