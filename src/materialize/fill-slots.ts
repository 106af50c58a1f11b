// Replaces each predicate slot ("__hookql_pred_N") in the parsed SQL with the local check plan/
// chose. Values are bound as parameters, never spliced into the text.

import type { SqlValue } from '../parse/types.js';
import type { LocalCheck, QueryPlan, ScanPlan } from '../plan/types.js';
import { quoteIdent } from './scratch-db.js';

export interface FilledSql {
  readonly sql: string;
  readonly bindings: Record<string, SqlValue>;
}

const SLOT = /"(__hookql_pred_\d+)"/g;

export function fillSlots(plan: QueryPlan): FilledSql {
  return fillSql(plan.sql, plan);
}

/**
 * Any SQL of the plan (its main text, or a feed's) with its slots filled. The check of
 * `col IN (SELECT …)` brings the subquery's own slots along: filled in turn, as deep as it nests.
 */
export function fillSql(text: string, plan: Pick<QueryPlan, 'scans' | 'bindings'>): FilledSql {
  const bindings: Record<string, SqlValue> = { ...plan.bindings };
  const owners = new Map<string, { check: LocalCheck; scan: ScanPlan }>();
  for (const scan of plan.scans) for (const [slot, check] of Object.entries(scan.slots)) owners.set(slot, { check, scan });
  let n = 0;
  const bind = (v: SqlValue) => {
    const name = `s${n++}`;
    bindings[name] = typeof v === 'boolean' ? Number(v) : v;
    return `:${name}`;
  };
  let sql = text;
  // Each pass fills the slots in sight; a subquery's slots appear only once its check is in.
  for (let filled = true, depth = 0; filled && depth < 64; depth++) {
    filled = false;
    sql = sql.replace(SLOT, (whole, slot: string) => {
      const owner = owners.get(slot);
      if (owner === undefined) return whole;
      filled = true;
      return `(${expression(owner.check, quoteIdent(owner.scan.qualifier), bind)})`;
    });
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
    case 'in-select': {
      const column = `${qualifier}.${quoteIdent(check.column)}`;
      if (check.match === 'equals') return `${column} IN (${check.sql})`;
      return `EXISTS (SELECT 1 FROM json_each(${column}) WHERE value IN (${check.sql}))`;
    }
  }
}
