// A parsed SELECT → SelectStatement: resources become scratch-table scans, extractable WHERE
// conjuncts become predicate slots, and the tree is regenerated as SQLite SQL. node-sql-parser's
// PostgreSQL output runs on SQLite for everything we accept (checked by test/parse against
// better-sqlite3); constructs it would get wrong are refused earlier (check-code, collect-columns).
import type { SelectNode } from './ast.js';
import { aliasSelectItems } from './alias-select-items.js';
import { findResourcePositions } from './find-resource-positions.js';
import { sqlify } from './sql-parser.js';
import type { StatementSource } from './statement-source.js';
import { toSqlite } from './to-sqlite.js';
import type { ResourceScan, SelectStatement } from './types.js';
import { walkSelect, type WalkContext } from './walk-select.js';

export interface SelectContext extends WalkContext {
  readonly source: StatementSource;
  /** Where each 3-part name occurs in the text, consumed as scans are placed. */
  readonly positions: Map<string, number[]>;
}

export function selectContext(source: StatementSource): SelectContext {
  return { source, values: source.values, scans: [], links: [], bindings: {}, nextPredicate: 0, positions: findResourcePositions(source.sql) };
}

export function rewriteSelect(ast: SelectNode, ctx: SelectContext, options: { readonly aliasItems: boolean }): SelectStatement {
  walkSelect(ast, ctx, null, new Set());
  if (options.aliasItems) aliasSelectItems(ast, ctx.source);
  return selectStatement(sqlify(ast), ctx);
}

/** The statement for SQL generated from a walked tree. */
export function selectStatement(generated: string, ctx: SelectContext): SelectStatement {
  const { sql, bindings } = toSqlite(generated, ctx.values);
  return {
    kind: 'select',
    text: ctx.source.text,
    sql,
    bindings: { ...ctx.bindings, ...bindings },
    scans: ctx.scans.map((scan) => freeze(scan, ctx)),
    links: [...ctx.links],
  };
}

function freeze(scan: WalkContext['scans'][number], ctx: SelectContext): ResourceScan {
  const offset = ctx.positions.get(scan.resource)?.shift() ?? 0;
  const { line, column } = ctx.source.locate(offset);
  return {
    resource: scan.resource,
    table: scan.table,
    alias: scan.alias,
    columns: [...scan.columns],
    quoted: [...scan.quoted],
    predicates: [...scan.predicates],
    line,
    column,
  };
}
