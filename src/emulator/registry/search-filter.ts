// The `filter` of registered-models/search and model-versions/search: one condition,
// `<identifier> <op> '<string>'` (api/model-registry.md §3-4). Models: `name` with =, LIKE, ILIKE;
// versions: `name` or `run_id` with =. Anything else is 400 INVALID_PARAMETER_VALUE: which other
// identifiers the real service accepts is UNVERIFIED, and refusing beats silently matching all.

import { invalidParameter } from '../wire/api-error.js';

export interface FilterCondition {
  readonly identifier: string;
  readonly op: '=' | 'LIKE' | 'ILIKE';
  readonly value: string;
}

const CONDITION = /^\s*([A-Za-z_][A-Za-z0-9_.]*)\s*(=|LIKE|ILIKE)\s*'((?:[^']|'')*)'\s*$/i;

export function parseFilter(text: string | null, allowed: Readonly<Record<string, readonly string[]>>): FilterCondition | undefined {
  if (text === null || text.trim() === '') return undefined;
  const match = CONDITION.exec(text);
  if (!match) throw invalidParameter(`Invalid filter '${text.slice(0, 200)}': expected one condition such as name = 'my-model'.`);
  const identifier = match[1];
  const op = match[2].toUpperCase() as FilterCondition['op'];
  const ops = Object.hasOwn(allowed, identifier) ? allowed[identifier] : undefined;
  if (!ops) throw invalidParameter(`Invalid filter: unsupported attribute '${identifier}'. Supported: ${Object.keys(allowed).join(', ')}.`);
  if (!ops.includes(op)) throw invalidParameter(`Invalid filter: operator ${op} is not supported for '${identifier}'.`);
  return { identifier, op, value: match[3].replace(/''/g, "'") };
}

/**
 * The condition as a SQLite predicate on `column`. LIKE without a wildcard is a substring match:
 * the backend treats `name LIKE 'x'` as '%x%' (Go SDK doc on SearchRegisteredModelsRequest.filter).
 */
export function filterSql(condition: FilterCondition, column: string): { sql: string; value: string } {
  if (condition.op === '=') return { sql: `${column} = @filterValue`, value: condition.value };
  const pattern = /[%_]/.test(condition.value) ? condition.value : `%${condition.value}%`;
  // SQLite's LIKE is case-insensitive for ASCII; LIKE is made case-sensitive with GLOB-free instr().
  if (condition.op === 'ILIKE') return { sql: `${column} LIKE @filterValue`, value: pattern };
  return { sql: `(${column} LIKE @filterValue AND ${caseSensitiveGuard(column, condition.value)})`, value: pattern };
}

/** LIKE is case-insensitive in SQLite; for a plain substring pattern also require the exact case. */
function caseSensitiveGuard(column: string, value: string): string {
  if (/[%_]/.test(value)) return '1';
  return `instr(${column}, ${sqlString(value)}) > 0`;
}

function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
