// EXPLAIN as a person reads it: a few lines of tree saying what will happen — per scan the
// workspaces, the request, paging, what is pushed down and what is checked locally, then the local
// SQL; per write each request (secrets as ***) and how it is retried. Built from the redacted plan,
// so nothing here can show a secret. `EXPLAIN (FORMAT JSON)` prints the plan itself (explain.ts).

import type { ApiRequest, LocalCheck, MutationPlan, Plan, QueryPlan, ScanPlan } from './plan/types.js';
import type { SqlValue } from './parse/types.js';

const SHOWN_REQUESTS = 3;

export function explainTree(plan: Exclude<Plan, { kind: 'explain' }>): string[] {
  switch (plan.kind) {
    case 'query':
      return [`${verb(plan.text)}: nothing is changed`, ...children(queryNodes(plan))];
    case 'mutation':
      return [`${verb(plan.text)} on ${plan.resource}: ${mutationHeadline(plan)}`, ...children(mutationNodes(plan))];
    case 'meta':
      return [`${verb(plan.text)}: answered from the resource definitions; nothing is sent`];
  }
}

type Node = { readonly text: string; readonly children?: readonly Node[] };

function children(nodes: readonly Node[], indent = ''): string[] {
  return nodes.flatMap((node, i) => {
    const last = i === nodes.length - 1;
    const [first, ...rest] = node.text.split('\n');
    return [
      `${indent}${last ? '└─ ' : '├─ '}${first}`,
      ...rest.map((line) => `${indent}${last ? '   ' : '│  '}${line}`),
      ...children(node.children ?? [], indent + (last ? '   ' : '│  ')),
    ];
  });
}

function queryNodes(plan: QueryPlan): Node[] {
  const names = scanNames(plan.scans);
  return [...plan.scans.map((scan, i) => scanNode(scan, names[i])), { text: `local SQL (SQLite): ${localSql(plan, names)}` }];
}

function scanNode(scan: ScanPlan, name: string): Node {
  const workspaces = scan.requests.map((r) => r.workspace);
  const first = scan.requests[0];
  const nodes: Node[] = [];
  if (scan.dependent) {
    // Its requests are made at run time, one per distinct value another table feeds it.
    const ws = scan.dependent.workspaces;
    const given = Object.entries(scan.dependent.values).map(([k, v]) => `${k} = ${literal(typeof v === 'string' ? v : JSON.stringify(v))}`);
    nodes.push({ text: `workspace: ${ws === null ? 'fed by another table' : ws.join(', ')}` });
    for (const feed of scan.dependent.feeds) nodes.push({ text: `one ${scan.dependent.method} request per distinct ${feed.inputs.join(', ')} from ${feed.kind === 'join' ? feed.via : `IN (${feed.via})`}` });
    if (given.length > 0) nodes.push({ text: `pushed down: ${given.join(', ')}` });
  } else {
    nodes.push({ text: `${workspaces.length === 1 ? 'workspace' : `${workspaces.length} workspaces, one request each`}: ${workspaces.join(', ')}` });
  }
  if (first) {
    nodes.push({ text: `${first.httpMethod} ${first.path}${queryText(first)}` });
    nodes.push({ text: first.pagination ? `pages: all of them (${first.pagination.responseToken} → ${first.pagination.requestToken})${pageSizeText(first)}` : 'pages: one response' });
    const pushed = [...first.query.map(([k, v]) => `${k} = ${literal(v)}`), ...Object.entries(first.body ?? {}).map(([k, v]) => `${k} = ${literal(JSON.stringify(v))}`)];
    nodes.push({ text: `pushed down: ${pushed.length > 0 ? pushed.join(', ') : 'nothing (every row is fetched)'}` });
  }
  const checks = Object.values(scan.slots).filter((c) => c.kind !== 'true').map((c) => checkText(c));
  nodes.push({ text: `checked locally: ${checks.length > 0 ? checks.join(' AND ') : 'nothing'}` });
  return { text: `scan ${name}${scan.qualifier !== scan.table ? ` AS ${scan.qualifier}` : ''}`, children: nodes };
}

function mutationHeadline(plan: MutationPlan): string {
  const method = plan.method;
  if (plan.source !== null) return `one ${method} request per row the query below finds, ${plan.concurrency} at a time`;
  const n = plan.requests.length;
  return `${n} ${method} request${n === 1 ? '' : 's'}${n > 1 ? `, ${plan.concurrency} at a time` : ''}`;
}

function mutationNodes(plan: MutationPlan): Node[] {
  const nodes: Node[] = [];
  if (plan.source !== null) {
    const fixed = Object.entries(plan.source.constants);
    nodes.push({ text: `rows from:`, children: queryNodes(plan.source.query) });
    nodes.push({ text: `each row: its ${plan.source.columns.join(', ')}${fixed.length > 0 ? `, with ${fixed.map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join(', ')}` : ''}` });
  }
  const shown = plan.requests.slice(0, SHOWN_REQUESTS);
  for (const request of shown) nodes.push(requestNode(request));
  if (plan.requests.length > shown.length) nodes.push({ text: `… and ${plan.requests.length - shown.length} more like these` });
  const retry = plan.requests[0]?.retry;
  if (retry) nodes.push({ text: `retries: ${retryText(retry)}` });
  if (plan.returning.kind !== 'none') nodes.push({ text: `returns: ${returningText(plan)}` });
  return nodes;
}

function requestNode(request: ApiRequest): Node {
  const body = request.body === null ? [] : [{ text: `body: ${JSON.stringify(request.body)}` }];
  return { text: `${request.httpMethod} ${request.path}${queryText(request)} on ${request.workspace}`, children: body };
}

function retryText(retry: ApiRequest['retry']): string {
  if (retry.mode === 'never' || retry.attempts <= 1) return 'never (it is sent once)';
  const on = `${retry.attempts} attempts on ${[...retry.retryOn].join(', ')}${retry.retryNetworkErrors ? ', network errors' : ''}`;
  return retry.mode === 'check-then-retry' ? `${on}; after an ambiguous failure a listing checks whether it was applied before it is sent again` : on;
}

function returningText(plan: MutationPlan): string {
  const r = plan.returning;
  if (r.kind === 'object') return `the ${r.as} object`;
  if (r.kind === 'columns') return r.columns.map((c) => c.name).join(', ');
  return 'the response';
}

/** The local SQL with scans named by their resource and each slot by the check it stands for. */
function localSql(plan: QueryPlan, names: readonly string[]): string {
  let sql = plan.sql;
  plan.scans.forEach((scan, i) => {
    // A slot stands for a check on this scan's column: qualified by its alias, as the statement wrote it.
    const prefix = scan.qualifier !== scan.table ? `"${scan.qualifier}".` : '';
    for (const [slot, check] of Object.entries(scan.slots)) sql = sql.split(`"${slot}"`).join(check.kind === 'true' ? 'TRUE' : checkText(check, prefix));
    sql = sql.split(`"${scan.table}"`).join(names[i]);
  });
  return sql.replace(/:(b\d+)\b/g, (whole, key: string) => (Object.hasOwn(plan.bindings, key) ? literal(plan.bindings[key]) : whole));
}

function scanNames(scans: readonly ScanPlan[]): string[] {
  return scans.map((s, i) => (scans.filter((o) => o.resource === s.resource).length > 1 ? `${s.resource}#${i + 1}` : s.resource));
}

function checkText(check: LocalCheck, prefix = ''): string {
  if (check.kind === 'true') return 'TRUE';
  const column = prefix + check.column;
  if (check.kind === 'in-select') return `${column} ${check.match === 'any-of' ? 'has any of' : 'IN'} (${check.sql})`;
  const values = check.values.map(literal);
  if (check.kind === 'any-of') return `${column} has any of (${values.join(', ')})`;
  return values.length === 1 ? `${column} = ${values[0]}` : `${column} IN (${values.join(', ')})`;
}

function queryText(request: ApiRequest): string {
  return request.query.length === 0 ? '' : '?' + request.query.map(([k, v]) => `${k}=${v}`).join('&');
}

function literal(v: SqlValue | unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  return `'${String(v).replace(/'/g, "''")}'`;
}

function verb(text: string): string {
  return (/^\s*(\w+)/.exec(text)?.[1] ?? 'statement').toUpperCase();
}

/** `, 1000 per page` when the definition's page size will be asked for (the statement set none). */
function pageSizeText(request: ApiRequest): string {
  const size = request.pagination?.pageSize;
  return size === undefined || request.query.some(([k]) => k === size.input) ? '' : `, ${size.size} per page`;
}
