// The SQL-level input errors of a query (an unknown column or function, SQLite syntax it cannot run),
// found without running it: its SQL is prepared against empty scratch tables that are dropped again.
// The engine checks every statement of a script this way before the first one sends a request.
// The SQL that feeds a dependent scan is checked too: a subquery that cannot run on its own (it
// refers to the outer query) or returns other than one column is refused here, with nothing sent.

import { UnsupportedSqlError } from '../errors.js';
import type { FeedPlan, QueryPlan } from '../plan/types.js';
import { prepareChecked } from './check-sql.js';
import { fillSlots, fillSql } from './fill-slots.js';
import type { ScratchDb } from './scratch-db.js';
import { createScratchTable, dropScratchTable } from './scratch-table.js';

export function checkQuery(db: ScratchDb, plan: QueryPlan): void {
  plan.scans.forEach((scan) => createScratchTable(db, scan));
  try {
    prepareChecked(db, fillSlots(plan).sql, plan);
    for (const scan of plan.scans) for (const feed of scan.dependent?.feeds ?? []) checkFeed(db, plan, feed);
  } finally {
    plan.scans.forEach((scan) => dropScratchTable(db, scan));
  }
}

function checkFeed(db: ScratchDb, plan: QueryPlan, feed: FeedPlan): void {
  let columns: number;
  try {
    columns = db.prepare(fillSql(feed.sql, plan).sql).columns().length;
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new UnsupportedSqlError(`the subquery in ${feed.via} cannot run on its own (${reason})`, {
      hint: 'a subquery that gives a required input must stand alone: no columns of the outer query, no CTE of it',
    });
  }
  if (columns !== feed.inputs.length) {
    throw new UnsupportedSqlError(`the subquery in ${feed.via} returns ${columns} columns; it must return exactly one`, {
      hint: `select the one column whose values give ${feed.inputs.join(', ')}`,
    });
  }
}
