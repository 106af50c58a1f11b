// Walks one SELECT block (and, through it, its CTEs, FROM subqueries, expression subqueries and
// UNION branches): every 3-part table name becomes a scan of its own scratch table, the block's
// WHERE gives up its extractable conjuncts, and column references are attributed to scans.
import { UnknownResourceError, UnsupportedSqlError } from '../errors.js';
import { resourceName, isSelect, type Cte, type FromItem, type SelectNode } from './ast.js';
import { collectColumns, type CollectEnv } from './collect-columns.js';
import { extractPredicates, type ExtractEnv, type PredicateCounter } from './extract-predicates.js';
import { isScan, SelectScope, type FromTarget, type ScanDraft } from './select-scope.js';
import { sqlify } from './sql-parser.js';
import { toSqlite } from './to-sqlite.js';
import type { ColumnLink, SqlValue } from './types.js';

export interface WalkContext extends PredicateCounter {
  readonly values: readonly string[];
  readonly scans: ScanDraft[];
  readonly links: ColumnLink[];
  /** Bindings of SQL that left the main text (the subqueries of `col IN (SELECT …)` slots). */
  readonly bindings: Record<string, SqlValue>;
}

export function walkSelect(node: SelectNode, ctx: WalkContext, outer: SelectScope | null, ctes: ReadonlySet<string>): void {
  rejectUnsupported(node);
  const visible = walkCtes(node.with, ctx, outer, ctes);
  const scope = new SelectScope(outer);
  const env: CollectEnv = { walkSubquery: (sub, parent) => walkSelect(sub, ctx, parent, visible) };
  const targets = (node.from ?? []).map((item) => addFromItem(item, scope, ctx, outer, visible));
  const extract = (accepts: ExtractEnv['accepts']): ExtractEnv => ({
    values: ctx.values,
    counter: ctx,
    links: ctx.links,
    accepts,
    subquery: (sub, parent) => {
      walkSelect(sub, ctx, parent, visible);
      const { sql, bindings } = toSqlite(sqlify(sub), ctx.values);
      Object.assign(ctx.bindings, bindings);
      return sql;
    },
  });
  (node.from ?? []).forEach((item, i) => {
    if (item.on) item.on = extractPredicates(item.on, scope, extract(onAccepts(item, targets[i])));
    usingLinks(item, targets, i, onAccepts(item, targets[i])).forEach((link) => ctx.links.push(link));
  });
  collectColumns(node.columns, scope, env);
  for (const item of node.from ?? []) collectColumns([item.on, item.expr?.ast ? null : item.expr], scope, env);
  const aliases = new Set(node.columns.map((c) => (typeof c.as === 'string' ? c.as.toLowerCase() : '')));
  if (node.where) node.where = extractPredicates(node.where, scope, extract(() => true));
  for (const clause of ['where', 'groupby', 'having', 'orderby', 'window', 'limit'] as const) {
    collectColumns(node[clause], scope, env, aliases);
  }
  // UNION / INTERSECT / EXCEPT branches are blocks of their own, seeing the same CTEs.
  if (node._next) walkSelect(node._next, ctx, outer, visible);
}

function walkCtes(
  ctes: readonly Cte[] | null,
  ctx: WalkContext,
  outer: SelectScope | null,
  inherited: ReadonlySet<string>,
): ReadonlySet<string> {
  if (!ctes || ctes.length === 0) return inherited;
  const visible = new Set(inherited);
  for (const cte of ctes) {
    // Added before walking its body: a RECURSIVE CTE names itself.
    visible.add((typeof cte.name === 'string' ? cte.name : cte.name.value).toLowerCase());
    walkSelect(cte.stmt.ast ?? cte.stmt, ctx, outer, visible);
  }
  return visible;
}

/**
 * Which scans a conjunct of this item's ON may filter before the join. An inner (or cross) join's
 * ON is a WHERE in disguise: any scan of the block. A LEFT JOIN's ON filters only the joined table
 * (on the preserved side it decides matches, not rows). RIGHT / FULL joins: none, to stay simple.
 */
function onAccepts(item: FromItem, target: FromTarget): ExtractEnv['accepts'] {
  const join = String(item.join ?? '').toUpperCase();
  if (join === 'JOIN' || join === 'INNER JOIN' || join === 'CROSS JOIN') return () => true;
  if (join === 'LEFT JOIN' || join === 'LEFT OUTER JOIN') return (scan) => scan === target;
  return () => false;
}

/**
 * `JOIN t USING (col)` is `ON t.col = <left>.col`: a link when exactly one table on the left is a
 * scan (with several, SQLite picks among them; hookql does not guess which).
 */
function usingLinks(item: FromItem, targets: readonly FromTarget[], index: number, accepts: ExtractEnv['accepts']): ColumnLink[] {
  const target = targets[index];
  const columns = Array.isArray(item.using) ? (item.using as { value?: unknown }[]).map((u) => String(u.value ?? u).toLowerCase()) : [];
  const left = targets.slice(0, index).filter(isScan);
  if (columns.length === 0 || !isScan(target) || left.length !== 1) return [];
  return columns.map((column) => {
    target.columns.add(column);
    left[0].columns.add(column);
    return { left: { table: target.table, column }, right: { table: left[0].table, column }, feeds: [target, left[0]].filter(accepts).map((s) => s.table) };
  });
}

function addFromItem(item: FromItem, scope: SelectScope, ctx: WalkContext, outer: SelectScope | null, ctes: ReadonlySet<string>): FromTarget {
  const subquery = item.expr?.ast;
  let target: FromTarget;
  let name: string | null;
  if (isSelect(subquery)) {
    walkSelect(subquery, ctx, outer, ctes);
    [name, target] = [item.as ?? null, 'other'];
  } else if (item.expr) {
    [name, target] = [item.as ?? functionName(item.expr), 'function'];
  } else {
    const resource = resourceName(item);
    name = item.as ?? item.table ?? null;
    if (resource !== null) target = addScan(item, resource, ctx);
    else if (item.table && !item.db && ctes.has(item.table.toLowerCase())) target = 'other';
    else throw unknownTable(item);
  }
  scope.add(name, target);
  return target;
}

/**
 * Points the FROM item at its scratch table. Without an alias the query may still qualify columns
 * with the resource's last name part (`FROM p.s.things` … `things.id`): the scope keeps that name and
 * such references are renamed to the scratch table (collect-columns).
 */
function addScan(item: FromItem, resource: string, ctx: WalkContext): ScanDraft {
  const table = `__hookql_scan_${ctx.scans.length}`;
  const scan: ScanDraft = { resource, table, alias: item.as ?? null, columns: new Set(), quoted: new Set(), predicates: [] };
  ctx.scans.push(scan);
  item.db = null;
  item.schema = null;
  item.table = table;
  return scan;
}

function functionName(expr: FromItem['expr']): string | null {
  const name = (expr?.name as { name?: { value?: string }[] } | undefined)?.name?.[0]?.value;
  return typeof name === 'string' ? name : null;
}

function unknownTable(item: FromItem): UnknownResourceError {
  const name = [item.db, item.schema, item.table].filter(Boolean).join('.');
  return new UnknownResourceError(`unknown table '${name}'`, {
    hint: 'resources have 3-part names, provider.service.resource (SHOW RESOURCES IN provider.service lists them)',
  });
}

function rejectUnsupported(node: SelectNode): void {
  if (node.distinct?.type?.toUpperCase() === 'DISTINCT ON') {
    throw new UnsupportedSqlError('DISTINCT ON is not supported (queries run in SQLite)', {
      hint: 'use GROUP BY, or a window function such as row_number() OVER (PARTITION BY …)',
    });
  }
  const into = node.into as { position?: unknown } | undefined;
  if (into?.position) throw new UnsupportedSqlError('SELECT … INTO is not supported', { hint: 'use INSERT INTO … SELECT …' });
}
