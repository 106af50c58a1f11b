// The SQL-level input errors of a query (an unknown column or function, SQLite syntax it cannot run),
// found without running it: its SQL is prepared against empty scratch tables that are dropped again.
// The engine checks every statement of a script this way before the first one sends a request.

import type { QueryPlan } from '../plan/types.js';
import { prepareChecked } from './check-sql.js';
import { fillSlots } from './fill-slots.js';
import type { ScratchDb } from './scratch-db.js';
import { createScratchTable, dropScratchTable } from './scratch-table.js';

export function checkQuery(db: ScratchDb, plan: QueryPlan): void {
  plan.scans.forEach((scan) => createScratchTable(db, scan));
  try {
    prepareChecked(db, fillSlots(plan).sql, plan);
  } finally {
    plan.scans.forEach((scan) => dropScratchTable(db, scan));
  }
}
