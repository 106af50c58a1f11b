// INSERT … ON CONFLICT → a ConflictPlan. The conflict target is always the resource's natural key
// from its definition (a live row has no name, so that key is what "already exists" means); an
// explicit column list is accepted only when it says the same thing. Everything DO UPDATE would
// send is converted and validated here, so nothing is sent when a SET is wrong.

import { writeOnlyPaths } from '../definition/index.js';
import type { ResourceDefinition } from '../definition/types.js';
import { ConflictTargetError, InvalidValueError, UnsupportedSqlError } from '../errors.js';
import type { OnConflict } from '../parse/types.js';
import { buildRequest, requestShape, valueAt, type InputValues } from './build-request.js';
import { convertInput } from './convert-input.js';
import { methodForVerb } from './lookup.js';
import type { ConflictPlan, ConflictRow } from './types.js';

/** One row of an INSERT: its workspace and converted input values. */
export interface RowValues {
  readonly workspace: string;
  readonly values: InputValues;
}

export function planOnConflict(def: ResourceDefinition, columns: readonly string[], clause: OnConflict, rows: readonly RowValues[]): ConflictPlan {
  const listName = def.sqlVerbs.select;
  if (def.naturalKey.length === 0 || listName === null) {
    throw new UnsupportedSqlError(`${def.id} has no natural key, so ON CONFLICT cannot tell which row already exists`, {
      hint: `remove ON CONFLICT, or give the definition a naturalKey`,
    });
  }
  checkTarget(def, clause.target);
  const key = def.naturalKey.filter((p) => p !== def.serverParam);
  const update = clause.action === 'update' ? methodForVerb(def, 'update') : null;
  const conflictRows = rows.map((row): ConflictRow => ({
    key: Object.fromEntries(key.map((p) => [p, valueAt(row.values, p) ?? null])),
    set: update === null ? {} : setValues(def, columns, clause, row),
  }));
  checkDistinct(def, rows, conflictRows);
  if (update !== null) {
    const how = (n: string) => `add ${n} to DO UPDATE SET`;
    // The id is a stand-in: the live row's id is known only after the listing.
    rows.forEach((row, i) => buildRequest(def, update, row.workspace, { ...conflictRows[i].set, [def.idField]: `<existing ${def.idField}>` }, how, 'ON CONFLICT DO UPDATE'));
  }
  const workspaces = [...new Set(rows.map((r) => r.workspace))];
  return {
    action: clause.action,
    key,
    lists: workspaces.map((ws) => requestShape(def, def.methods[listName], ws, {})),
    rows: conflictRows,
    updateMethod: update?.name ?? null,
    idField: def.idField,
    writeOnly: writeOnlyPaths(def),
  };
}

/** `ON CONFLICT (…)` must name the natural key: its dotted paths, or the columns that hold them. */
function checkTarget(def: ResourceDefinition, target: readonly string[] | null): void {
  if (target === null) return;
  const paths = new Set(def.naturalKey);
  const tops = new Set(def.naturalKey.map((p) => p.split('.')[0]));
  const named = new Set(target);
  const sameAs = (want: Set<string>) => named.size === want.size && [...want].every((c) => named.has(c));
  if (sameAs(paths) || sameAs(tops)) return;
  throw new ConflictTargetError(`ON CONFLICT (${target.join(', ')}) is not the natural key of ${def.id}`, {
    hint: `rows conflict by (${def.naturalKey.join(', ')}): write ON CONFLICT (${[...tops].join(', ')}), or leave the list out`,
  });
}

function setValues(def: ResourceDefinition, columns: readonly string[], clause: OnConflict, row: RowValues): Record<string, unknown> {
  const method = methodForVerb(def, 'update');
  const inputs = method.inputs.map((i) => i.name).filter((n) => n !== def.idField);
  const values: Record<string, unknown> = {};
  for (const a of clause.set) {
    if (!inputs.includes(a.column)) {
      throw new InvalidValueError(`DO UPDATE cannot set '${a.column}' of ${def.id}`, { hint: `updatable: ${inputs.join(', ')}` });
    }
    if (a.kind === 'excluded' && !columns.includes(a.from)) {
      throw new InvalidValueError(`EXCLUDED.${a.from} is not one of the INSERT's columns`, { hint: `add ${a.from} to the column list, or SET ${a.column} to a literal` });
    }
    const v = a.kind === 'excluded' ? row.values[a.from] : convertInput(def, a.column, a.value);
    if (v !== undefined) values[a.column] = v;
  }
  if (clause.set.length === 0) throw new InvalidValueError('DO UPDATE SET names no column', { hint: `SET one of: ${inputs.join(', ')}` });
  return values;
}

/** Two rows of one INSERT with the same key would both claim the same live row. */
function checkDistinct(def: ResourceDefinition, rows: readonly RowValues[], keys: readonly ConflictRow[]): void {
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const text = JSON.stringify([row.workspace, keys[i].key]);
    if (seen.has(text)) {
      throw new InvalidValueError(`two rows of this INSERT have the same natural key (${def.naturalKey.join(', ')})`, {
        hint: 'ON CONFLICT handles each live row once: remove the duplicate row',
      });
    }
    seen.add(text);
  });
}
