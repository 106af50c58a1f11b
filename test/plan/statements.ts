// Hand-built statements for planner tests (what parse/ would hand over), so plan/ is tested alone.

import { loadRegistry } from '../../src/definition/index.js';
import type { Predicate, SelectStatement } from '../../src/parse/types.js';

export const registry = loadRegistry();
export const RES = 'databricks_workspace.ml.model_registry_webhooks';

let slot = 0;

/** `column = value`, or `column IN (values…)` with several values. */
export const pred = (column: string, ...values: (string | number)[]): Predicate => ({ column, op: values.length > 1 ? 'in' : '=', values, slot: `__hookql_pred_${slot++}` });

/** `SELECT * FROM <resource> WHERE <predicates>`. */
export const select = (...predicates: Predicate[]): SelectStatement => ({
  kind: 'select',
  text: 'SELECT …',
  sql: 'SELECT * FROM "__hookql_scan_0"',
  bindings: {},
  scans: [{ resource: RES, table: '__hookql_scan_0', alias: null, columns: ['*'], predicates, line: 1, column: 15 }],
  links: [],
});
