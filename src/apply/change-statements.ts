// Each change of a plan → the SQL statement apply runs through the engine, like any user statement.
// Secrets never enter the SQL text: a write-only value is a `{{ path }}` placeholder whose value
// travels in the statement's vars, so the statement printed by --dry-run is exact and safe to show.

import type { ResourceDefinition } from '../definition/types.js';
import type { Change, CreateChange, DeleteChange, UpdateChange } from './plan-types.js';
import { inputNames, methodFor, writeOnlyNames } from './resource-fields.js';
import { literalSafe, sqlString } from './sql-literal.js';

export type ApplicableChange = CreateChange | UpdateChange | DeleteChange;

export interface ChangeStatement {
  readonly kind: 'change-statement';
  readonly change: ApplicableChange;
  readonly sql: string;
  /** Placeholder values: secrets and texts that look like placeholders. Never printed. */
  readonly vars: Readonly<Record<string, string>>;
  /**
   * A create as `$n` template + values: the same statement (`sql` with its vars filled is the template
   * with the values bound), which the engine parses once for all creates of the same columns.
   */
  readonly prepared?: { readonly sql: string; readonly params: readonly string[] };
}

export function isApplicable(change: Change): change is ApplicableChange {
  return change.kind === 'create' || change.kind === 'update' || change.kind === 'delete';
}

export function statementFor(def: ResourceDefinition, change: ApplicableChange): ChangeStatement {
  const vars: Record<string, string> = {};
  const text = (name: string, value: string) => (literalSafe(value) ? sqlString(value) : placeholder(name, value, vars));
  const where = (id: string) => `WHERE ${def.serverParam} = ${text(def.serverParam, change.workspace)} AND ${def.idField} = ${text(def.idField, id)}`;
  switch (change.kind) {
    case 'create': {
      // Column order follows the create method's inputs so statements read the same every time.
      const names = inputNames(def, methodFor(def, 'insert')).filter((n) => change.values[n] !== undefined);
      const columns = [def.serverParam, ...names].join(', ');
      const params = [change.workspace, ...names.map((n) => valueText(change.values[n]))];
      // The text with its literals is only read to be shown (--dry-run) or by a runner that cannot
      // prepare: apply's creates run the template, so it is written on first read (bench B4).
      return lazyText(change, { sql: templateFor(def.id, columns, params.length), params }, () => {
        const values = [text(def.serverParam, change.workspace), ...names.map((n) => valueSql(def, n, change.values[n], vars))].join(', ');
        return { sql: `INSERT INTO ${def.id} (${columns})\nSELECT ${values}\nRETURNING *;`, vars };
      });
    }
    case 'update': {
      const sets = Object.entries(change.set).map(([n, v]) => `${n} = ${valueSql(def, n, v, vars)}`);
      return done(change, `UPDATE ${def.id}\nSET ${sets.join(', ')}\n${where(change.id)}\nRETURNING *`, vars);
    }
    case 'delete':
      return done(change, `DELETE FROM ${def.id}\n${where(change.id)}`, vars);
  }
}

function done(change: ApplicableChange, sql: string, vars: Record<string, string>): ChangeStatement {
  return { kind: 'change-statement', change, sql: `${sql};`, vars };
}

/** A statement whose `sql` and `vars` are computed once, when first read. */
function lazyText(change: ApplicableChange, prepared: NonNullable<ChangeStatement['prepared']>, write: () => { sql: string; vars: Record<string, string> }): ChangeStatement {
  let written: { readonly sql: string; readonly vars: Readonly<Record<string, string>> } | undefined;
  const text = () => (written ??= write());
  return {
    kind: 'change-statement',
    change,
    get sql() {
      return text().sql;
    },
    get vars() {
      return text().vars;
    },
    prepared,
  };
}

/** `INSERT INTO … (columns) SELECT $1, … RETURNING *;`: one text per column set, shared by its creates. */
function templateFor(resource: string, columns: string, count: number): string {
  const key = `${resource}\n${columns}`;
  let template = templates.get(key);
  if (template === undefined) {
    template = `INSERT INTO ${resource} (${columns})\nSELECT ${Array.from({ length: count }, (_, i) => `$${i + 1}`).join(', ')}\nRETURNING *;`;
    if (templates.size >= 256) templates.clear();
    templates.set(key, template);
  }
  return template;
}

const templates = new Map<string, string>();

/** The text an input value's literal holds once its vars are filled (what valueSql writes). */
function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object') return String(value);
  return JSON.stringify(value);
}

/** One input value as a SQL literal: objects and arrays as JSON text, as the engine reads them. */
function valueSql(def: ResourceDefinition, name: string, value: unknown, vars: Record<string, string>): string {
  const secrets = writeOnlyNames(def);
  if (typeof value === 'string') {
    if (secrets.has(name) || !literalSafe(value)) return placeholder(name, value, vars);
    return sqlString(value);
  }
  if (value === null || typeof value !== 'object') return sqlString(String(value));
  // Inside JSON, a secret's placeholder sits in a JSON string: its var holds the JSON-escaped text.
  const masked = maskSecrets(value, name, secrets, vars);
  const text = JSON.stringify(masked.value);
  if (literalSafe(masked.plainText)) return sqlString(text);
  // Some non-secret text looks like a placeholder: send the whole value through a var instead.
  for (const key of masked.vars) delete vars[key];
  return placeholder(name, JSON.stringify(value), vars);
}

function placeholder(name: string, value: string, vars: Record<string, string>): string {
  vars[name] = value;
  return `'{{ ${name} }}'`;
}

interface Masked {
  readonly value: unknown;
  /** The non-secret strings, to check for placeholder syntax. */
  readonly plainText: string;
  readonly vars: string[];
}

function maskSecrets(value: unknown, path: string, secrets: ReadonlySet<string>, vars: Record<string, string>): Masked {
  const plain: string[] = [];
  const added: string[] = [];
  const walk = (v: unknown, p: string, key: string): unknown => {
    if (typeof v === 'string' && secrets.has(key)) {
      vars[p] = JSON.stringify(v).slice(1, -1);
      added.push(p);
      return `{{ ${p} }}`;
    }
    if (typeof v === 'string') plain.push(v);
    if (Array.isArray(v)) return v.map((x, i) => walk(x, `${p}_${i}`, ''));
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, `${p}.${k}`, k)]));
    return v;
  };
  return { value: walk(value, path, ''), plainText: plain.join('\n'), vars: added };
}
