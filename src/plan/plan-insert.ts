// INSERT → one create per row. Literal rows (VALUES, SELECT of constants) are evaluated and
// validated now, so a bad value fails before any request; rows read from a resource become a
// row source that the engine turns into creates once it has them.

import { findResource } from '../definition/index.js';
import type { MethodDef, Registry, ResourceDefinition } from '../definition/types.js';
import { InvalidValueError, UnknownParameterError, UnsupportedSqlError } from '../errors.js';
import type { InsertStatement, SelectStatement, SqlValue } from '../parse/types.js';
import { didYouMean } from '../util/suggest.js';
import { buildRequest } from './build-request.js';
import { convertInput } from './convert-input.js';
import { fieldOf, methodForVerb, missingParameter } from './lookup.js';
import { planOnConflict, type RowValues } from './plan-on-conflict.js';
import { mutationBase, perRowWrite, planReturning } from './plan-returning.js';
import { planSelect } from './plan-select.js';
import type { ApiRequest, MutationPlan } from './types.js';

export interface WriteOptions {
  readonly defaultWorkspace?: string;
  readonly concurrency: number;
  /** Runs a SELECT that reads no resource (VALUES, constants) and returns its rows. */
  readonly evaluate: (select: SelectStatement) => SqlValue[][];
}

export function planInsert(stmt: InsertStatement, registry: Registry, options: WriteOptions): MutationPlan {
  const { def, method, base } = statementParts(stmt, registry, options.concurrency);
  if (stmt.source.scans.length > 0) {
    if (stmt.onConflict) throw conflictOverResource(def);
    const query = planSelect(stmt.source, registry, options);
    return { ...base, requests: [], source: { query, mapping: 'positional', columns: stmt.columns, constants: {}, perRow: perRowWrite(method, stmt.columns, {}) } };
  }
  const rows = options.evaluate(stmt.source).map((row) => insertValues(def, stmt.columns, row, options.defaultWorkspace));
  const requests = rows.map((row) => createRequest(def, method, row));
  // Statements built by hand (tests, front ends) may leave the clause out entirely.
  const conflict = stmt.onConflict ? planOnConflict(def, stmt.columns, stmt.onConflict, rows) : null;
  return { ...base, requests, source: null, conflict };
}

interface StatementParts {
  readonly def: ResourceDefinition;
  readonly method: MethodDef;
  readonly base: ReturnType<typeof mutationBase>;
}

/**
 * What does not depend on the values: the resource, its create method, the column check and the
 * RETURNING plan. A prepared statement (engine.prepare) binds new values into the same parsed
 * statement for every run, sharing its column list: those runs plan these once (bench B4).
 */
const partsByColumns = new WeakMap<readonly string[], { readonly key: PartsKey; readonly parts: StatementParts }>();

interface PartsKey {
  readonly registry: Registry;
  readonly resource: string;
  readonly text: string;
  readonly returning: InsertStatement['returning'];
  readonly concurrency: number;
}

function statementParts(stmt: InsertStatement, registry: Registry, concurrency: number): StatementParts {
  const key: PartsKey = { registry, resource: stmt.resource, text: stmt.text, returning: stmt.returning, concurrency };
  const known = partsByColumns.get(stmt.columns);
  if (known !== undefined && (Object.keys(key) as (keyof PartsKey)[]).every((k) => known.key[k] === key[k])) return known.parts;
  const def = findResource(registry, stmt.resource);
  const method = methodForVerb(def, 'insert');
  checkColumns(def, method, stmt.columns);
  const base = mutationBase(def, method, stmt.text, planReturning(def, method, stmt.returning, 'INSERT'), concurrency);
  const parts = { def, method, base };
  partsByColumns.set(stmt.columns, { key, parts });
  return parts;
}

/** One create request from one row of values, positionally matched to the INSERT columns. */
export function insertRequest(def: ResourceDefinition, method: MethodDef, columns: readonly string[], row: readonly unknown[], defaultWorkspace?: string): ApiRequest {
  return createRequest(def, method, insertValues(def, columns, row, defaultWorkspace));
}

function createRequest(def: ResourceDefinition, method: MethodDef, row: RowValues): ApiRequest {
  return buildRequest(def, method, row.workspace, row.values, (n) => `add the column ${n} to the INSERT column list with a value`, 'INSERT');
}

/** A row's workspace and converted input values. */
function insertValues(def: ResourceDefinition, columns: readonly string[], row: readonly unknown[], defaultWorkspace?: string): RowValues {
  if (row.length !== columns.length) {
    throw new InvalidValueError(`INSERT has ${columns.length} column(s) but a row has ${row.length} value(s)`, {
      hint: 'give one value per column, in the same order',
    });
  }
  const values: Record<string, unknown> = {};
  let workspace = defaultWorkspace;
  columns.forEach((name, i) => {
    if (name === def.serverParam) {
      if (row[i] !== null && row[i] !== '') workspace = String(row[i]);
    } else {
      values[name] = convertInput(def, name, row[i]);
    }
  });
  if (workspace === undefined) {
    throw missingParameter(def, 'INSERT', def.serverParam, `add the column ${def.serverParam} with a value ('local' is the built-in emulator)`);
  }
  return { workspace, values };
}

function conflictOverResource(def: ResourceDefinition): UnsupportedSqlError {
  return new UnsupportedSqlError(`INSERT … SELECT from a resource cannot use ON CONFLICT on ${def.id}`, {
    hint: 'give the rows as VALUES (…) or SELECT of literals; to copy rows idempotently, use a manifest (hookql export, then hookql apply)',
  });
}

function checkColumns(def: ResourceDefinition, method: MethodDef, columns: readonly string[]): void {
  const inputs = method.inputs.map((i) => i.name);
  for (const name of columns) {
    if (name === def.serverParam || inputs.includes(name)) continue;
    const field = fieldOf(def, name);
    if (field?.readOnly) {
      throw new InvalidValueError(`column '${name}' of ${def.id} is read-only and cannot be inserted`, { hint: `remove ${name} from the column list` });
    }
    const suggestion = didYouMean(name, [...inputs, def.serverParam]);
    throw new UnknownParameterError(`INSERT into ${def.id} cannot set column '${name}'`, {
      hint: [suggestion, `settable columns: ${[...inputs, def.serverParam].join(', ')}`].filter(Boolean).join(' '),
    });
  }
}
