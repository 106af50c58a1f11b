// plan/: Statement + definitions → Plan (plain data). Every input error is raised here, before
// execute/ sends anything.

import type { Registry } from '../definition/types.js';
import type { Statement } from '../parse/types.js';
import { planExec } from './plan-exec.js';
import { planInsert, type WriteOptions } from './plan-insert.js';
import { planDescribe, planShow } from './plan-meta.js';
import { planSelect } from './plan-select.js';
import { planWriteById } from './plan-write-by-id.js';
import type { Plan } from './types.js';

export type { WriteOptions as PlanOptions } from './plan-insert.js';
export { insertRequest } from './plan-insert.js';
export { buildRequest, requestShape, valueAt } from './build-request.js';
export { fedRequest } from './fed-request.js';
export type * from './types.js';

export function planStatement(stmt: Statement, registry: Registry, options: WriteOptions): Plan {
  switch (stmt.kind) {
    case 'select':
      return planSelect(stmt, registry, options);
    case 'insert':
      return planInsert(stmt, registry, options);
    case 'update':
    case 'delete':
      return planWriteById(stmt, registry, options);
    case 'exec':
      return planExec(stmt, registry, options);
    case 'show':
      return planShow(stmt, registry);
    case 'describe':
      return planDescribe(stmt, registry);
    case 'explain':
      return { kind: 'explain', text: stmt.text, format: stmt.format ?? 'tree', plan: planStatement(stmt.statement, registry, options) as Exclude<Plan, { kind: 'explain' }> };
  }
}
