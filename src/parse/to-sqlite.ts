// The last step of every rewritten SELECT: the placeholder literals node-sql-parser carried through
// become SQLite named parameters `:bN`, bound from `bindings` (keys without the colon, as
// better-sqlite3 takes them). Only parameters the SQL uses are bound: SQLite refuses missing ones.
import { UnsupportedSqlError } from '../errors.js';
import type { SqlValue } from './types.js';

// The output holds no user-typed string (every literal was lifted) and no quoted identifier can
// contain `__hookql` (refused when lifting), so each match is one of our placeholders.
const PLACEHOLDER_IN_SQL = /'__hookql_b(\d+)'/g;

export interface SqliteSql {
  readonly sql: string;
  readonly bindings: Readonly<Record<string, SqlValue>>;
}

export function toSqlite(generated: string, values: readonly string[]): SqliteSql {
  const bindings: Record<string, SqlValue> = {};
  const sql = generated.replace(PLACEHOLDER_IN_SQL, (_, index: string) => {
    bindings[`b${index}`] = values[Number(index)];
    return `:b${index}`;
  });
  assertNoPlaceholderLeft(sql);
  return { sql, bindings };
}

/** Refuses SQL in which a placeholder survived in a form we did not expect (never splice a value). */
function assertNoPlaceholderLeft(sql: string): void {
  if (sql.includes('__hookql_b')) {
    throw new UnsupportedSqlError('a string literal is used where hookql cannot pass it to SQLite as a value', {
      hint: 'rewrite that part of the statement (this is a gap in hookql: please report it)',
    });
  }
}
