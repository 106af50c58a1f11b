// The statement `SELECT <columns> FROM <resource> WHERE <param> IN ('<value>', …)` as parseScript
// would give it, built without parsing: plan reads a manifest's live state with exactly this
// statement, and in a fresh process its parse is the first one — ~15 ms of loading and warming
// node-sql-parser for a text whose every part hookql chose itself (bench B8). The differential
// test (test/parse/list-statement.test.ts) holds it to parseScript's output for the same text.

import type { SelectStatement } from './types.js';

const SCAN = '__hookql_scan_0';
const SLOT = '__hookql_pred_0';
/** A lower-case SQL identifier that needs no quotes, and a resource id made of them. */
const NAME = /^[a-z_][a-z0-9_]*$/;

/** What to list: `SELECT <columns | *> FROM <resource> WHERE <param> IN (<values>)`. */
export interface ListQuery {
  readonly resource: string;
  readonly param: string;
  readonly values: readonly string[];
  /** Undefined: every column (`*`). */
  readonly columns?: readonly string[];
}

/**
 * `columns` undefined selects `*`. Names must be plain lower-case identifiers (definition ids and
 * field names are); anything else is a programming error here, not user input.
 */
export function listStatement({ resource, param, values, columns }: ListQuery): SelectStatement {
  for (const name of [...resource.split('.'), param, ...(columns ?? [])]) {
    if (!NAME.test(name)) throw new Error(`listStatement: '${name}' is not a plain identifier`);
  }
  if (values.length === 0) throw new Error('listStatement: no values for the IN list');
  const selected = columns === undefined ? '*' : columns.join(', ');
  const head = `SELECT ${selected} FROM `;
  const text = `${head}${resource} WHERE ${param} IN (${values.map(sqlString).join(', ')})`;
  return {
    kind: 'select',
    text,
    sql: `SELECT ${selected} FROM "${SCAN}" WHERE "${SLOT}"`,
    bindings: {},
    scans: [
      {
        resource,
        table: SCAN,
        alias: null,
        // In order of first mention, as collect-columns.ts lists them: the select list, then WHERE.
        columns: [...new Set([...(columns ?? ['*']), param])],
        quoted: [],
        predicates: [{ column: param, op: 'in', values: [...values], slot: SLOT }],
        line: 1,
        column: head.length + 1,
      },
    ],
    links: [],
  };
}

function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
