// Replaces each predicate slot ("__hookql_pred_N") in the parsed SQL with the local check plan/
// chose. Values are bound as parameters, never spliced into the text.

import type { SqlValue } from '../parse/types.js';
import type { LocalCheck, QueryPlan } from '../plan/types.js';
import { quoteIdent } from './scratch-db.js';

export interface FilledSql {
  readonly sql: string;
  readonly bindings: Record<string, SqlValue>;
}

export function fillSlots(plan: QueryPlan): FilledSql {
  const bindings: Record<string, SqlValue> = { ...plan.bindings };
  let sql = plan.sql;
  let n = 0;
  const bind = (v: SqlValue) => {
    const name = `s${n++}`;
    bindings[name] = typeof v === 'boolean' ? Number(v) : v;
    return `:${name}`;
  };
  for (const scan of plan.scans) {
    for (const [slot, check] of Object.entries(scan.slots)) {
      sql = sql.split(quoteIdent(slot)).join(`(${expression(check, quoteIdent(scan.qualifier), bind)})`);
    }
  }
  return { sql, bindings };
}

function expression(check: LocalCheck, qualifier: string, bind: (v: SqlValue) => string): string {
  switch (check.kind) {
    case 'true':
      return '1';
    case 'equals': {
      const column = `${qualifier}.${quoteIdent(check.column)}`;
      if (check.values.length === 0) return '0';
      return check.values.length === 1 ? `${column} = ${bind(check.values[0])}` : `${column} IN (${check.values.map(bind).join(', ')})`;
    }
    case 'any-of':
      // "has any of": the array column contains at least one of the values.
      if (check.values.length === 0) return '1';
      return `EXISTS (SELECT 1 FROM json_each(${qualifier}.${quoteIdent(check.column)}) WHERE value IN (${check.values.map(bind).join(', ')}))`;
  }
}
