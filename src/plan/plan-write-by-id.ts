// UPDATE / DELETE → one request per id. The API addresses rows only by id: with `id = …` / `id IN
// (…)` alone the requests are known now. Any other condition (status, model, JSON functions,
// `id IN (SELECT …)`), or several workspaces, means the rows are found first with a list, filtered
// locally, and only the matching ones are written, one request each at bounded concurrency.
// A WHERE that names nothing but the workspace would touch every row: refused unless the statement
// says so in plain SQL (`AND <id> IS NOT NULL`).

import { findResource } from '../definition/index.js';
import type { MethodDef, Registry, ResourceDefinition } from '../definition/types.js';
import { InvalidValueError, UnboundedWriteError, UnknownParameterError } from '../errors.js';
import type { DeleteStatement, UpdateStatement } from '../parse/types.js';
import { didYouMean } from '../util/suggest.js';
import { buildRequest, type InputValues } from './build-request.js';
import { convertInput } from './convert-input.js';
import { fieldOf, methodForVerb, missingParameter } from './lookup.js';
import type { WriteOptions } from './plan-insert.js';
import { mutationBase, perRowWrite, planReturning } from './plan-returning.js';
import { planSelect } from './plan-select.js';
import type { MutationPlan } from './types.js';

export function planWriteById(stmt: UpdateStatement | DeleteStatement, registry: Registry, options: WriteOptions): MutationPlan {
  const def = findResource(registry, stmt.resource);
  const verb = stmt.kind === 'update' ? 'UPDATE' : 'DELETE';
  const method = methodForVerb(def, stmt.kind);
  // A composite key (a version is name + version): the method's other required inputs, taken from
  // WHERE `=` like the id itself; when WHERE lacks one, the rows found by a listing supply it.
  const keyInputs = method.required.filter((n) => n !== def.serverParam && n !== def.idField && method.inputs.some((i) => i.name === n));
  const keyValues = Object.fromEntries(
    keyInputs.flatMap((n) => {
      const given = valuesOf(stmt, n);
      return given !== null && given.length === 1 ? [[n, convertInput(def, n, given[0])]] : [];
    }),
  );
  const constants = { ...(stmt.kind === 'update' ? setValues(def, method, stmt) : {}), ...keyValues };
  const ids = valuesOf(stmt, def.idField) ?? setId(stmt, def.idField);
  // Statements built by hand (tests, front ends) may leave whereColumns out: their predicates say it.
  const byCondition = (stmt.whereColumns ?? stmt.predicates.map((p) => p.column)).some((c) => c !== def.serverParam);
  if (ids === null && !byCondition) throw unboundedWrite(def, verb);
  const workspaces = valuesOf(stmt, def.serverParam) ?? (options.defaultWorkspace === undefined ? null : [options.defaultWorkspace]);
  if (workspaces === null) {
    throw missingParameter(def, verb, def.serverParam, `add WHERE ${def.serverParam} = '<${def.serverParam}>' ('local' is the built-in emulator)`);
  }
  const howToAdd = (n: string) => (stmt.kind === 'update' && !keyInputs.includes(n) ? `add SET ${n} = '<${n}>'` : `add WHERE ${n} = '<${n}>'`);
  const filtersOtherColumns = stmt.predicates.some((p) => p.column !== def.idField && p.column !== def.serverParam && !(p.column in keyValues));
  const viaListing = ids === null || stmt.hasResidualWhere || filtersOtherColumns || workspaces.length > 1;
  const fromRows = [def.serverParam, def.idField, ...keyInputs.filter((n) => !(n in keyValues))];
  // Validate the constant part now (required inputs, constraints) so nothing is sent when it is wrong;
  // what the rows found by the listing supply (the id, key inputs) is a stand-in here.
  const standIns = viaListing ? Object.fromEntries(fromRows.slice(1).map((n) => [n, `<each matching ${n}>`])) : {};
  buildRequest(def, method, workspaces[0], { ...standIns, ...constants, ...(ids === null ? {} : { [def.idField]: ids[0] }) }, howToAdd, verb);

  const base = mutationBase(def, method, stmt.text, planReturning(def, method, stmt.returning, verb), options.concurrency);
  if (viaListing) {
    const query = planSelect(stmt.selector, registry, options);
    return { ...base, requests: [], source: { query, mapping: 'by-name', columns: fromRows, constants, perRow: perRowWrite(method, fromRows, constants) } };
  }
  const requests = ids.map((id) => buildRequest(def, method, workspaces[0], { ...constants, [def.idField]: id }, howToAdd, verb));
  return { ...base, requests, source: null };
}

function unboundedWrite(def: ResourceDefinition, verb: string): UnboundedWriteError {
  const what = verb === 'DELETE' ? 'delete' : 'change';
  return new UnboundedWriteError(`${verb} whose WHERE names only the ${def.serverParam} would ${what} every ${def.noun.singular} in it`, {
    hint: `add a condition (AND status = '…', AND ${def.idField} = '…'); to mean every one, say so: AND ${def.idField} IS NOT NULL`,
  });
}

/** The non-empty values of `column = …` / `column IN (…)` in WHERE, or null when absent. */
function valuesOf(stmt: UpdateStatement | DeleteStatement, column: string): string[] | null {
  const found = stmt.predicates.filter((p) => p.column === column && p.subquery === undefined);
  if (found.length === 0) return null;
  const values = found[0].values.filter((v) => v !== null && v !== '').map(String);
  return values.length > 0 ? [...new Set(values)] : null;
}

/** StackQL's UPDATE also writes `SET id = '…'`; honour it when WHERE has no id. */
function setId(stmt: UpdateStatement | DeleteStatement, idField: string): string[] | null {
  if (stmt.kind !== 'update') return null;
  const v = stmt.set.find((a) => a.column === idField)?.value;
  return v === undefined || v === null || v === '' ? null : [String(v)];
}

function setValues(def: ResourceDefinition, method: MethodDef, stmt: UpdateStatement): InputValues {
  const inputs = method.inputs.map((i) => i.name);
  const whereId = valuesOf(stmt, def.idField);
  const values: Record<string, unknown> = {};
  for (const { column, value } of stmt.set) {
    if (column === def.idField) {
      if (whereId !== null && value !== '' && value !== null && !whereId.includes(String(value))) {
        throw new InvalidValueError(`SET ${column} = '${String(value)}' does not match WHERE ${column}`, { hint: `${column} cannot be changed; drop it from SET` });
      }
      continue;
    }
    if (!inputs.includes(column)) throw notSettable(def, column, inputs);
    const v = convertInput(def, column, value);
    if (v !== undefined) values[column] = v;
  }
  if (Object.keys(values).length === 0) {
    throw new InvalidValueError(`UPDATE on ${def.id} sets nothing`, { hint: `SET one of: ${inputs.filter((i) => i !== def.idField).join(', ')} (empty strings mean "not given")` });
  }
  return values;
}

function notSettable(def: ResourceDefinition, column: string, allInputs: string[]): Error {
  // The id (and the workspace) pick the row in WHERE; they are not something SET can change.
  const inputs = allInputs.filter((i) => i !== def.idField && i !== def.serverParam);
  const field = fieldOf(def, column);
  if (field) {
    return new InvalidValueError(`column '${column}' of ${def.id} cannot be changed by UPDATE`, {
      hint: field.readOnly ? `${column} is set by the service` : `to change ${column}, delete and re-create; updatable: ${inputs.join(', ')}`,
    });
  }
  return new UnknownParameterError(`UPDATE on ${def.id} cannot set '${column}'`, {
    hint: [didYouMean(column, inputs), `updatable: ${inputs.join(', ')}`].filter(Boolean).join(' '),
  });
}
