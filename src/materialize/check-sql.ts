// Prepares the final SQL against the (still empty) scratch tables BEFORE any request is sent, so
// an unknown column or function fails as an input error with nothing fetched. SQLite reports these
// only as message text (no finer error code), so this is the one place we read messages.

import { LocalSqlError, UnknownColumnError, UnknownResourceError, UnsupportedSqlError } from '../errors.js';
import type { QueryPlan } from '../plan/types.js';
import { didYouMean } from '../util/suggest.js';
import { LOCAL_SQL_HEAP_MB } from './run-isolated.js';
import type { ScratchDb, ScratchStatement } from './scratch-db.js';

export function prepareChecked(db: ScratchDb, sql: string, plan: QueryPlan): ScratchStatement {
  try {
    return db.prepare(sql);
  } catch (e) {
    throw translate(e, plan);
  }
}

/**
 * Runs the prepared statement; SQLite failing on the user's SQL (json_extract of text that is not
 * JSON, a blob over its size limit, load_extension, an unbound `$name`) is the user's error, not a bug.
 */
export function runChecked<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    throw runError(e);
  }
}

const RUN_HINT = 'the local part of the statement runs on SQLite; check the expression SQLite names';

function runError(e: unknown): unknown {
  const message = e instanceof Error ? e.message : String(e);
  // better-sqlite3 binds named parameters itself (a RangeError, no SQLite code).
  const param = missingParameter(message);
  if (param) return param;
  const code = (e as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return e;
  if (code === 'SQLITE_AUTH' || message === 'not authorized') return new LocalSqlError(`SQLite refused: ${message} (extensions and similar functions are disabled in hookql's local SQL)`, { hint: RUN_HINT });
  if (code === 'SQLITE_TOOBIG') return new LocalSqlError(`SQLite: ${message} (a value went past SQLite's size limit)`, { hint: RUN_HINT });
  if (code === 'SQLITE_INTERRUPT') return e;
  if (code === 'SQLITE_NOMEM') return new LocalSqlError(`SQLite ran out of memory (${message}): local SQL that may run away is limited to ${LOCAL_SQL_HEAP_MB} MiB`, { hint: 'bound the query: a recursive CTE needs a stop, and fewer rows or columns need less memory' });
  return new LocalSqlError(`SQLite: ${message}`, { hint: RUN_HINT });
}

function missingParameter(message: string): UnsupportedSqlError | null {
  const param = /^Missing named parameter "(.+)"$/.exec(message);
  if (!param) return null;
  return new UnsupportedSqlError(`'$${param[1]}' is read by SQLite as a parameter, and hookql binds none by that name`, {
    hint: "$$…$$ quoting is PostgreSQL's: write strings as '…', and {{ name }} for a value from --var",
  });
}

function translate(e: unknown, plan: QueryPlan): Error {
  const message = e instanceof Error ? e.message : String(e);
  // Newer SQLite adds a hint of its own to a double-quoted name; ours says it in hookql's words.
  const quoted = /no such column: "(.+)" - should this be a string literal/.exec(message);
  if (quoted) {
    return new UnknownColumnError(`"${quoted[1]}" is not a column: strings take single quotes`, {
      hint: `write '${quoted[1]}' for the string ("…" quotes a column name, as in SQL)`,
    });
  }
  const ambiguous = /ambiguous column name: (.+)$/.exec(message);
  if (ambiguous) return ambiguousColumn(ambiguous[1], plan);
  const param = missingParameter(message);
  if (param) return param;
  const column = /no such column: (.+)$/.exec(message);
  if (column) {
    const name = column[1].split('.').pop() as string;
    const names = plan.scans.flatMap((s) => s.columns.map((c) => c.name));
    const resources = [...new Set(plan.scans.map((s) => s.resource))];
    return new UnknownColumnError(`unknown column '${name}'${resources.length ? ` in ${resources.join(', ')}` : ''}`, {
      hint: [didYouMean(name, names), resources.length ? `DESCRIBE ${resources[0]} lists its columns` : ''].filter(Boolean).join(' ') || undefined,
    });
  }
  const fn = /no such function: (.+)$/.exec(message);
  if (fn) return new UnsupportedSqlError(`function ${fn[1]}() is not available`, { hint: 'the local SQL runs on SQLite: use its functions (json_extract, json_each, lower, …)' });
  const table = /no such table: (.+)$/.exec(message);
  if (table) {
    return new UnknownResourceError(`unknown table '${table[1]}'`, { hint: 'resources are named provider.service.resource; SHOW RESOURCES lists them' });
  }
  return new UnsupportedSqlError(`the statement cannot run: ${message}`, { hint: 'hookql runs the local part of a SELECT on SQLite; use SQLite syntax' });
}

// The columns of SQLite's table-valued JSON functions, which clash with a resource's (`id`, `type`).
const JSON_EACH_COLUMNS = ['key', 'value', 'type', 'atom', 'id', 'parent', 'fullkey', 'path'];

/** `ambiguous column name: id`: say which two sources have it and how to pick one. */
function ambiguousColumn(name: string, plan: QueryPlan): Error {
  const scans = plan.scans.filter((s) => s.columns.some((c) => c.name === name));
  const sources = scans.map((s) => (s.qualifier !== s.table ? `${s.resource} (as ${s.qualifier})` : s.resource));
  if (JSON_EACH_COLUMNS.includes(name) && /\bjson_(each|tree)\s*\(/i.test(plan.text)) sources.push('json_each(…)');
  const qualifier = scans.find((s) => s.qualifier !== s.table)?.qualifier;
  return new UnknownColumnError(`column '${name}' is ambiguous: ${sources.length > 1 ? `${sources.join(' and ')} both have one` : 'more than one source in FROM has it'}`, {
    hint: qualifier ? `qualify it: ${qualifier}.${name}` : `give the resource an alias (FROM ${scans[0]?.resource ?? '…'} AS w) and write w.${name}`,
  });
}
