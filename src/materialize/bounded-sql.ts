// Which local SQL may run on the engine's own thread. better-sqlite3 is synchronous and cannot be
// interrupted: a statement running there holds the event loop (no deadline timer, no Ctrl-C) until
// SQLite returns. So only statements whose cost is one linear pass over the fetched rows (plus a
// sort) run in-process; everything else runs in a child process that can be killed (run-isolated.ts).
// The rule is a deny-list over the SQL's tokens, so an unknown construct errs towards isolation,
// which only costs time (docs/reliability.md, "Runaway local SQL").

import { tokenizeLifted, type LiftedToken } from '../parse/tokenize-lifted.js';
import type { SqlValue } from '../parse/types.js';

/** Keywords that mean more than one pass: CTEs (recursive or not), joins, compound selects, windows, VALUES rows. */
const UNBOUNDED_KEYWORDS = new Set(['WITH', 'RECURSIVE', 'JOIN', 'UNION', 'INTERSECT', 'EXCEPT', 'OVER', 'WINDOW', 'VALUES']);

/**
 * Functions whose cost or output size an argument controls (a 1 GB blob per row), and the
 * table-valued ones (a join with whatever JSON they are given). `pragma_*` functions are tables too.
 */
const UNBOUNDED_FUNCTIONS = new Set(['json_each', 'json_tree', 'randomblob', 'zeroblob', 'printf', 'format', 'replace', 'char', 'unicode', 'instr']);

/** LIKE / GLOB backtrack on each wildcard: a pattern is bounded when it is one bound value with at most this many. */
const MAX_PATTERN_WILDCARDS = 2;

export function isBoundedPass(sql: string, bindings: Readonly<Record<string, SqlValue>>, scans: number): boolean {
  // Two scans are a join (or a subquery over a second resource).
  if (scans > 1) return false;
  const tokens = tokenizeLifted(sql);
  let selects = 0;
  let depth = 0;
  // Per parenthesis depth: inside a FROM clause there (a derived table has its own).
  const inFrom: boolean[] = [false];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'punct') {
      if (t.text === '(') inFrom[++depth] = false;
      if (t.text === ')') depth--;
      // `FROM a, b` is a cross join.
      if (t.text === ',' && inFrom[depth]) return false;
      continue;
    }
    if (t.kind !== 'word') continue;
    const word = t.text.toUpperCase();
    // A subquery is isolated, except a derived table (`FROM (SELECT …)`): SQLite cannot correlate
    // it with the outer query, so over one scan it is one more pass over at most the fetched rows.
    if (word === 'SELECT' && ++selects > 1 && !isDerivedTable(tokens, i)) return false;
    if (UNBOUNDED_KEYWORDS.has(word)) return false;
    if (word === 'FROM') inFrom[depth] = true;
    else if (['WHERE', 'GROUP', 'ORDER', 'LIMIT', 'HAVING'].includes(word)) inFrom[depth] = false;
    const called = tokens[i + 1]?.text === '(';
    const name = t.text.toLowerCase();
    if (called && (UNBOUNDED_FUNCTIONS.has(name) || name.startsWith('pragma_'))) return false;
    if ((word === 'LIKE' || word === 'GLOB' || word === 'MATCH' || word === 'REGEXP') && !boundedPattern(tokens, i + 1, bindings)) return false;
  }
  return true;
}

/** The SELECT at `at` opens a subquery in FROM: `FROM (SELECT`. */
function isDerivedTable(tokens: readonly LiftedToken[], at: number): boolean {
  return tokens[at - 1]?.text === '(' && tokens[at - 2]?.kind === 'word' && tokens[at - 2].text.toUpperCase() === 'FROM';
}

/** `LIKE :p` where `:p` is bound to a string with few wildcards; anything else (a column, an expression) is not known. */
function boundedPattern(tokens: readonly LiftedToken[], at: number, bindings: Readonly<Record<string, SqlValue>>): boolean {
  const colon = tokens[at];
  const name = tokens[at + 1];
  if (colon?.text !== ':' || name?.kind !== 'word' || name.start !== colon.end) return false;
  const value = bindings[name.text];
  if (typeof value !== 'string') return false;
  return (value.match(/[%*]/g)?.length ?? 0) <= MAX_PATTERN_WILDCARDS;
}
