// INSERT INTO <resource> (cols) VALUES (…), (…) | SELECT … — the rows to create, as a SELECT-like
// statement SQLite can produce: `VALUES (:b0, :b1), (…)` or the rewritten SELECT.
import { SqlSyntaxError, UnsupportedSqlError } from '../errors.js';
import { columnName, isColumnRef, isSelect, literalValue, qualifierOf, type AstNode, type ColumnRef, type SelectNode } from './ast.js';
import { rewriteSelect, selectContext, selectStatement, type SelectContext } from './rewrite-select.js';
import { exprToSql } from './sql-parser.js';
import type { StatementSource } from './statement-source.js';
import type { ConflictAssignment, InsertStatement, OnConflict, Returning, SelectStatement } from './types.js';
import { walkSelect } from './walk-select.js';
import { writeTarget } from './write-target.js';

export function parseInsert(ast: AstNode, source: StatementSource, returning: Returning): InsertStatement {
  const { resource } = writeTarget(ast.table, 'INSERT INTO');
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
  const onConflict = ast.conflict ? parseOnConflict(ast.conflict as AstNode, source) : null;
  return { kind: 'insert', text: source.text, resource, columns, source: rows, onConflict, returning };
}

/**
 * `ON CONFLICT [(col, …)] DO NOTHING | DO UPDATE SET col = EXCLUDED.col | 'literal', …`. Which rows
 * conflict is the resource's natural key (plan/ checks an explicit target against it).
 */
function parseOnConflict(node: AstNode, source: StatementSource): OnConflict {
  const target = node.target as { expr?: AstNode[] } | null;
  const columns = target === null ? null : (target.expr ?? []).map((c) => (isColumnRef(c) ? columnName(c) : unsupportedTarget()));
  const action = (node.action as { expr?: AstNode & { set?: AstNode[]; where?: unknown } } | null)?.expr;
  if (action?.type === 'origin' && String(action.value).toLowerCase() === 'nothing') return { target: columns, action: 'nothing', set: [] };
  if (action?.type !== 'update') throw new UnsupportedSqlError('ON CONFLICT needs DO NOTHING or DO UPDATE SET …');
  if (action.where) throw new UnsupportedSqlError('ON CONFLICT … DO UPDATE … WHERE is not supported', { hint: 'drop the WHERE: the conflicting row is the one with the same natural key' });
  const set = (action.set ?? []).map((a) => conflictAssignment(a as ColumnRef & { value: AstNode }, source.values));
  return { target: columns, action: 'update', set };
}

function conflictAssignment(node: ColumnRef & { value: AstNode }, values: readonly string[]): ConflictAssignment {
  const column = columnName(node);
  if (isColumnRef(node.value) && (qualifierOf(node.value) ?? '').toLowerCase() === 'excluded') {
    return { column, kind: 'excluded', from: columnName(node.value) };
  }
  const value = literalValue(node.value, values);
  if (value === undefined) {
    throw new UnsupportedSqlError(`DO UPDATE SET ${column} = … must be EXCLUDED.<column> or a literal value`, {
      hint: `write SET ${column} = EXCLUDED.${column} (the value this INSERT gives) or SET ${column} = 'text'`,
    });
  }
  return { column, kind: 'value', value };
}

function unsupportedTarget(): never {
  throw new UnsupportedSqlError('ON CONFLICT (…) takes column names', { hint: 'leave the list out to mean the natural key' });
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
