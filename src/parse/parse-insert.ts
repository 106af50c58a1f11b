// INSERT INTO <resource> (cols) VALUES (…), (…) | SELECT … — the rows to create, as a SELECT-like
// statement SQLite can produce: `VALUES (:b0, :b1), (…)` or the rewritten SELECT.
import { SqlSyntaxError, UnsupportedSqlError } from '../errors.js';
import { isSelect, type AstNode, type SelectNode } from './ast.js';
import { rewriteSelect, selectContext, selectStatement, type SelectContext } from './rewrite-select.js';
import { exprToSql } from './sql-parser.js';
import type { StatementSource } from './statement-source.js';
import type { InsertStatement, Returning, SelectStatement } from './types.js';
import { walkSelect } from './walk-select.js';
import { writeTarget } from './write-target.js';

export function parseInsert(ast: AstNode, source: StatementSource, returning: Returning): InsertStatement {
  const { resource } = writeTarget(ast.table, 'INSERT INTO');
  if (ast.conflict) throw new UnsupportedSqlError('INSERT … ON CONFLICT is not supported', { hint: 'use UPDATE for existing rows' });
  const columns = ((ast.columns ?? []) as ({ value: string } | string)[]).map((c) =>
    (typeof c === 'string' ? c : c.value).toLowerCase(),
  );
  if (columns.length === 0) {
    throw new UnsupportedSqlError('INSERT needs a column list', { hint: `INSERT INTO ${resource} (col, …) VALUES (…)` });
  }
  const ctx = selectContext(source);
  ctx.positions.get(resource)?.shift(); // the INSERT target itself is not a scan
  const values = ast.values as AstNode | null;
  let rows: SelectStatement;
  if (values?.type === 'values') rows = valuesRows(values.values as AstNode[], columns.length, ctx);
  else if (isSelect(values)) {
    checkWidth(selectWidth(values), columns.length, 'the SELECT', ctx);
    rows = rewriteSelect(values, ctx, { aliasItems: false });
  } else throw new UnsupportedSqlError('INSERT needs VALUES (…) or SELECT …');
  return { kind: 'insert', text: source.text, resource, columns, source: rows, returning };
}

/**
 * Each row is walked as a FROM-less SELECT (a value may hold a subquery over a resource), then
 * written back as one SQLite VALUES statement, which keeps the rows in order.
 */
function valuesRows(rows: readonly AstNode[], width: number, ctx: SelectContext): SelectStatement {
  const sqlRows = rows.map((row, i) => {
    const exprs = row.value as AstNode[];
    checkWidth(exprs.length, width, `row ${i + 1}`, ctx);
    const block: SelectNode = { type: 'select', with: null, distinct: null, columns: exprs.map((expr) => ({ expr, as: null })), from: null, where: null };
    walkSelect(block, ctx, null, new Set());
    return `(${block.columns.map((c) => exprToSql(c.expr)).join(', ')})`;
  });
  return selectStatement(`VALUES ${sqlRows.join(', ')}`, ctx);
}

/** Number of columns a SELECT produces, or null when `*` or a set operation makes it unknown here. */
function selectWidth(select: SelectNode): number | null {
  const star = select.columns.some((c) => (c.expr as { column?: unknown }).column === '*');
  return star || select._next ? null : select.columns.length;
}

function checkWidth(actual: number | null, expected: number, what: string, ctx: SelectContext): void {
  if (actual === null || actual === expected) return;
  const at = ctx.source.locate(0);
  throw new SqlSyntaxError(`INSERT names ${expected} column(s) but ${what} has ${actual} value(s)`, at.line, at.column, {
    hint: 'give one value per column, in the same order',
  });
}
