// SELECT / WITH / INSERT / UPDATE / DELETE: parsed by node-sql-parser, then turned into statements.
import { UnsupportedSqlError } from '../errors.js';
import { isSelect } from './ast.js';
import { parseDelete } from './parse-delete.js';
import { parseInsert } from './parse-insert.js';
import { parseUpdate } from './parse-update.js';
import { rewriteSelect, selectContext } from './rewrite-select.js';
import { splitReturning } from './split-returning.js';
import { astify } from './sql-parser.js';
import type { StatementSource } from './statement-source.js';
import type { Returning, Statement } from './types.js';

export function parseSqlStatement(source: StatementSource, verb: string): Statement {
  const isWrite = verb === 'INSERT' || verb === 'UPDATE' || verb === 'DELETE';
  const split: { source: StatementSource; returning: Returning } = isWrite ? splitReturning(source) : { source, returning: null };
  const ast = astify(split.source.sql, source.locate, source.input);
  if (isSelect(ast)) return rewriteSelect(ast, selectContext(source), { aliasItems: true });
  switch (ast.type) {
    case 'insert':
      return parseInsert(ast, split.source, split.returning);
    case 'update':
      return parseUpdate(ast, split.source, split.returning);
    case 'delete':
      return parseDelete(ast, split.source, split.returning);
    default:
      throw new UnsupportedSqlError(`${String(ast.type).toUpperCase()} statements are not supported`, {
        hint: 'hookql runs SELECT, INSERT, UPDATE, DELETE, EXEC, SHOW, DESCRIBE and EXPLAIN',
      });
  }
}
