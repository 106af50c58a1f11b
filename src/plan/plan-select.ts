// SELECT → one list request per workspace for each resource occurrence. Predicates the API can
// apply are pushed down; every predicate is still checked locally (or is request-only), so the
// result is right even when the server ignores a filter.

import type { MethodDef, ParamDef, ResourceDefinition } from '../definition/types.js';
import { findResource } from '../definition/index.js';
import type { Registry } from '../definition/types.js';
import { UnknownColumnError } from '../errors.js';
import type { Predicate, ResourceScan, SelectStatement, SqlValue } from '../parse/types.js';
import { didYouMean } from '../util/suggest.js';
import { convertInput } from './convert-input.js';
import { chooseSelectMethod, paramNotTaken } from './choose-select-method.js';
import { fieldOf, knownNames, paramOf } from './lookup.js';
import { resolveFeeds } from './plan-feeds.js';
import { scratchColumns } from './scratch-columns.js';
import type { LocalCheck, QueryPlan, ScanPlan } from './types.js';

export interface SelectOptions {
  /** Used when a statement names no workspace (the shell's `.workspace`). */
  readonly defaultWorkspace?: string;
}

export function planSelect(stmt: SelectStatement, registry: Registry, options: SelectOptions = {}): QueryPlan {
  return {
    kind: 'query',
    text: stmt.text,
    // Each scan first from its own predicates; then required inputs it lacks are fed from other scans.
    // (`links` is new: statements built by hand elsewhere may not carry it yet.)
    scans: resolveFeeds(stmt.scans.map((scan) => planScan(scan, findResource(registry, scan.resource))), stmt.links ?? [], options),
    sql: stmt.sql,
    bindings: stmt.bindings,
  };
}

const TRUE: LocalCheck = { kind: 'true' };

/** A scan planned from its own predicates, before other scans may feed the inputs it lacks. */
export interface OwnScan {
  readonly def: ResourceDefinition;
  readonly method: MethodDef;
  /** The scan's plan with no requests yet. */
  readonly plan: Omit<ScanPlan, 'requests' | 'dependent'>;
  /** How the statement writes this scan's columns (`v`, or the resource's last name part). */
  readonly spelling: string;
  /** The workspaces the statement names; null when none. */
  readonly workspaces: readonly string[] | null;
  readonly values: Readonly<Record<string, unknown>>;
  /** The subquery SQL of `input IN (SELECT …)`, by input name (the server param included). */
  readonly subqueries: Readonly<Record<string, string>>;
}

function planScan(scan: ResourceScan, def: ResourceDefinition): OwnScan {
  const method = chooseSelectMethod(def, scan.predicates);
  const inputs = new Set(method.inputs.map((i) => i.name));
  const slots: Record<string, LocalCheck> = {};
  const values: Record<string, unknown> = {};
  const subqueries: Record<string, string> = {};
  let workspaces: string[] | null = null;
  checkQuotedNames(scan, def);

  for (const pred of scan.predicates) {
    const given = pred.values.filter((v) => v !== '' && v !== null);
    const param = paramOf(def, pred.column);
    if (pred.subquery !== undefined) {
      slots[pred.slot] = subqueryCheck(def, inputs, pred.column, pred.subquery);
      const input = pred.column === def.serverParam || (param && inputs.has(param.name)) ? pred.column : null;
      if (input !== null) subqueries[input] ??= pred.subquery;
    } else if (pred.column === def.serverParam) {
      const names = given.map(String);
      if (names.length === 0) {
        slots[pred.slot] = TRUE;
        continue;
      }
      workspaces = workspaces === null ? unique(names) : workspaces.filter((w) => names.includes(w));
      slots[pred.slot] = { kind: 'equals', column: pred.column, values: names };
    } else if (param && inputs.has(param.name)) {
      if (given.length === 0) slots[pred.slot] = TRUE; // '' = not given (rendered templates)
      else if (pred.op === '=' && values[param.name] === undefined) {
        values[param.name] = convertInput(def, param.name, asInput(param, given[0]));
        slots[pred.slot] = localCheck(param, values[param.name], pred);
      } else {
        // Not pushed down, but still the user's input: a bad value is refused here, not matched
        // against nothing (`events IN ('COMMENT_CREATED', 'NOPE')` is a typo, not an empty result).
        const converted = given.map((v) => convertInput(def, param.name, asInput(param, v)));
        slots[pred.slot] = localOnly(param, pred, converted);
      }
    } else if (fieldOf(def, pred.column)) {
      // A column with an enum can only ever equal one of its values: `status = 'active'` is a typo
      // to point out (did you mean 'ACTIVE'?), not a silently empty result.
      if (fieldOf(def, pred.column)?.enum) given.forEach((v) => convertInput(def, pred.column, v));
      slots[pred.slot] = { kind: 'equals', column: pred.column, values: pred.values };
    } else if (param) {
      // A param of another method (`filter` with a name that makes SELECT list): never silently dropped.
      throw paramNotTaken(def, method, param.name);
    } else {
      throw unknownColumn(def, pred.column);
    }
  }
  if (workspaces === null && def.server.kind === 'local') {
    // A local reader's argument defaults to '' (its own default, e.g. the config file the SDKs read).
    workspaces = [''];
  }
  const plan = {
    table: scan.table,
    qualifier: scan.alias ?? scan.table,
    resource: def.id,
    columns: scratchColumns(def),
    referenced: scan.columns.includes('*') ? null : scan.columns,
    slots,
  };
  return { def, method, plan, spelling: scan.alias ?? def.name, workspaces, values, subqueries };
}

/** The local check of `column IN (SELECT …)`, shaped by what the column is. */
function subqueryCheck(def: ResourceDefinition, inputs: ReadonlySet<string>, name: string, sql: string): LocalCheck {
  const param = paramOf(def, name);
  if (name === def.serverParam) return { kind: 'in-select', column: name, sql, match: 'equals' };
  if (param && inputs.has(param.name)) {
    const column = param.column ?? param.name;
    if (param.local === 'column') return { kind: 'in-select', column, sql, match: 'equals' };
    if (param.local === 'any-of') return { kind: 'in-select', column, sql, match: 'any-of' };
    return TRUE;
  }
  if (fieldOf(def, name)) return { kind: 'in-select', column: name, sql, match: 'equals' };
  throw unknownColumn(def, name);
}

/** A list param compared with one value: a JSON array, or a single bare item for convenience. */
function asInput(param: ParamDef, value: SqlValue): SqlValue {
  if (param.type === 'array' && typeof value === 'string' && !value.trimStart().startsWith('[')) return JSON.stringify([value]);
  return value;
}

function localCheck(param: ParamDef, value: unknown, pred: Predicate): LocalCheck {
  const column = param.column ?? param.name;
  switch (param.local) {
    case 'column':
      return { kind: 'equals', column, values: pred.values };
    case 'any-of':
      return { kind: 'any-of', column, values: (Array.isArray(value) ? value : [value]) as SqlValue[] };
    case 'request':
    case 'server':
      return TRUE;
  }
}

/** A param predicate that cannot be pushed (an IN list, a repeat): checked locally when it can be. */
function localOnly(param: ParamDef, pred: Predicate, converted: readonly unknown[]): LocalCheck {
  const column = param.column ?? param.name;
  if (param.local === 'column') return { kind: 'equals', column, values: pred.values };
  // Each value is a list (`'["A","B"]'`, or a bare item made one): the row must have any of their items.
  if (param.local === 'any-of') return { kind: 'any-of', column, values: converted.flat() as SqlValue[] };
  return TRUE;
}

/** `workspace = "local"`: a double-quoted name that is no column was meant as a string. */
function checkQuotedNames(scan: ResourceScan, def: ResourceDefinition): void {
  const known = new Set(knownNames(def));
  const name = scan.quoted?.find((n) => !known.has(n.toLowerCase()));
  if (name !== undefined) throw quotedString(def, name);
}

export function quotedString(def: ResourceDefinition, name: string): UnknownColumnError {
  return new UnknownColumnError(`"${name}" is not a column of ${def.id}: strings take single quotes`, {
    hint: `write '${name}' for the string ("…" quotes a column name, as in SQL); DESCRIBE ${def.id} lists its columns`,
  });
}

export function unknownColumn(def: ResourceDefinition, name: string): UnknownColumnError {
  const suggestion = didYouMean(name, knownNames(def));
  return new UnknownColumnError(`unknown column '${name}' in ${def.id}`, {
    hint: [suggestion, `DESCRIBE ${def.id} lists its columns`].filter(Boolean).join(' '),
  });
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
