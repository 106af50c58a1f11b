// Required inputs a scan's own predicates leave out may be fed by other scans of the statement:
// `… JOIN child c ON c.name = p.name` (a column of another scan's rows) or `c.name IN (SELECT …)` (a
// subquery, itself over resources). Such a scan becomes dependent: its requests are made at run time,
// one per distinct value (tuple) the feeds yield, after the scans they read have been fetched.
// Only REQUIRED inputs are fed: an optional one (a filter the listing also works without) stays one
// listing, checked locally, which is cheaper than one call per value.

import type { ColumnLink, LinkEnd } from '../parse/types.js';
import { UnsupportedSqlError } from '../errors.js';
import { requestShape } from './build-request.js';
import { missingParameter, paramOf } from './lookup.js';
import type { OwnScan } from './plan-select.js';
import type { FeedPlan, LocalCheck, ScanPlan } from './types.js';

export interface FeedOptions {
  /** Used when a statement names no workspace (the shell's `.workspace`). */
  readonly defaultWorkspace?: string;
}

export function resolveFeeds(scans: readonly OwnScan[], links: readonly ColumnLink[], options: FeedOptions): ScanPlan[] {
  const byTable = new Map(scans.map((s) => [s.plan.table, s]));
  const checks = new Map(scans.flatMap((s) => Object.entries(s.plan.slots)));
  const planned = scans.map((scan) => resolveScan(scan, { byTable, checks, links, options }));
  rejectCycles(planned, byTable);
  return planned;
}

interface FeedContext {
  readonly byTable: ReadonlyMap<string, OwnScan>;
  readonly checks: ReadonlyMap<string, LocalCheck>;
  readonly links: readonly ColumnLink[];
  readonly options: FeedOptions;
}

function resolveScan(scan: OwnScan, ctx: FeedContext): ScanPlan {
  const { def, method, plan } = scan;
  let workspaces = scan.workspaces;
  const joined = new Map<string, Pair[]>();
  const feeds: FeedPlan[] = [];
  for (const input of missingInputs(scan)) {
    const subquery = scan.subqueries[input];
    const link = subquery === undefined ? linkFeeding(scan, input, ctx.links) : null;
    if (subquery !== undefined) {
      feeds.push({ kind: 'subquery', inputs: [input], after: tablesIn(subquery, ctx), via: `${scan.spelling}.${input} IN (SELECT …)`, sql: `SELECT DISTINCT * FROM (${subquery})` });
    } else if (link !== null) {
      joined.set(link.from.table, [...(joined.get(link.from.table) ?? []), { input, ...link }]);
    } else if (input === def.serverParam && ctx.options.defaultWorkspace !== undefined && def.server.kind === 'workspace') {
      // The default workspace names a workspace: never an account id or a local reader's argument.
      workspaces = [ctx.options.defaultWorkspace];
    } else {
      throw missingParameter(def, 'SELECT', input, howToGive(scan, input, ctx.byTable.size > 1));
    }
  }
  // In the order the statement writes its links, so EXPLAIN reads like the ON clause.
  for (const [table, pairs] of joined) feeds.push(joinFeed(table, [...pairs].sort((x, y) => x.order - y.order), ctx));
  if (feeds.length === 0) {
    return { ...plan, requests: (workspaces ?? []).map((ws) => requestShape(def, method, ws, scan.values)), dependent: null };
  }
  const fedServer = feeds.some((f) => f.inputs.includes(def.serverParam));
  return { ...plan, requests: [], dependent: { method: method.name, workspaces: fedServer ? null : workspaces, values: scan.values, feeds } };
}

/** Required inputs of the list method the statement does not give (the server param when no workspace). */
function missingInputs(scan: OwnScan): string[] {
  const { def, method } = scan;
  const missing = method.required.filter((n) => n !== def.serverParam && scan.values[n] === undefined);
  return scan.workspaces === null ? [def.serverParam, ...missing] : missing;
}

interface Pair {
  readonly input: string;
  /** The other scan's column, and this scan's as the statement writes it. */
  readonly from: LinkEnd;
  readonly to: LinkEnd;
  /** The link's position in the statement. */
  readonly order: number;
}

/** A link `this.input = other.column` that may feed this scan (the input named as param or as its column). */
function linkFeeding(scan: OwnScan, input: string, links: readonly ColumnLink[]): Omit<Pair, 'input'> | null {
  const param = paramOf(scan.def, input);
  const names = new Set([input, param?.column ?? input]);
  const table = scan.plan.table;
  for (const [order, link] of links.entries()) {
    if (!link.feeds.includes(table)) continue;
    if (link.left.table === table && names.has(link.left.column)) return { from: link.right, to: link.left, order };
    if (link.right.table === table && names.has(link.right.column)) return { from: link.left, to: link.right, order };
  }
  return null;
}

/**
 * One feed per source scan, so inputs fed by the same scan travel as tuples of one row (a version's
 * name AND number), not as a cross product. The source's own predicate checks apply: a row of it that
 * fails them never joins, so asking for its children would only cost requests.
 */
function joinFeed(table: string, pairs: readonly Pair[], ctx: FeedContext): FeedPlan {
  const source = ctx.byTable.get(table) as OwnScan;
  const target = ctx.byTable.get(pairs[0].to.table) as OwnScan;
  const q = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const columns = pairs.map((p) => `${q(source.plan.qualifier)}.${q(p.from.column)}`);
  const own = Object.entries(source.plan.slots).filter(([, check]) => check.kind !== 'in-select').map(([slot]) => q(slot));
  const where = [...columns.map((c) => `${c} IS NOT NULL`), ...own].join(' AND ');
  const from = source.plan.qualifier === table ? q(table) : `${q(table)} AS ${q(source.plan.qualifier)}`;
  return {
    kind: 'join',
    inputs: pairs.map((p) => p.input),
    after: [table],
    via: pairs.map((p) => `${target.spelling}.${p.to.column} = ${source.spelling}.${p.from.column}`).join(' AND '),
    sql: `SELECT DISTINCT ${columns.join(', ')} FROM ${from} WHERE ${where}`,
  };
}

/** The scan tables a subquery reads, through the subqueries of its own slots too. */
function tablesIn(sql: string, ctx: FeedContext): string[] {
  const found = new Set<string>();
  const visit = (text: string): void => {
    for (const table of ctx.byTable.keys()) if (text.includes(`"${table}"`)) found.add(table);
    for (const [, slot] of text.matchAll(/"(__hookql_pred_\d+)"/g)) {
      const check = ctx.checks.get(slot);
      if (check?.kind === 'in-select') visit(check.sql);
    }
  };
  visit(sql);
  return [...found];
}

/** The fix in the statement's own spelling: qualified when it has several tables. */
function howToGive(scan: OwnScan, input: string, qualify: boolean): string {
  const { def } = scan;
  const qualified = `${scan.spelling}.${input}`;
  const col = qualify ? qualified : input;
  const literal = input === def.serverParam ? `add WHERE ${col} = '<${input}>' ('local' is the built-in emulator)` : `add WHERE ${col} = '<${input}>'`;
  return `${literal}, or take it from another table: JOIN … ON ${qualified} = <other>.<column>, or ${col} IN (SELECT <column> FROM …)`;
}

/** Scans that wait for each other would never start: refused before anything is sent. */
function rejectCycles(scans: readonly ScanPlan[], byTable: ReadonlyMap<string, OwnScan>): void {
  const after = new Map(scans.map((s) => [s.table, s.dependent?.feeds.flatMap((f) => f.after) ?? []]));
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (table: string, path: string[]): void => {
    if (state.get(table) === 'done') return;
    if (state.get(table) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(table)), table].map((t) => byTable.get(t)?.spelling ?? t);
      throw new UnsupportedSqlError(`the tables feed each other's required inputs (${cycle.join(' → ')}): neither can be listed first`, {
        hint: 'give one of them its value directly (WHERE x.param = \'…\'), so the other can be fed from its rows',
      });
    }
    state.set(table, 'visiting');
    for (const next of after.get(table) ?? []) visit(next, [...path, table]);
    state.set(table, 'done');
  };
  for (const s of scans) visit(s.table, []);
}
