// The PostgreSQL functions catalogue queries call, as SQLite functions over the same session facts.

import { TYPES, type CatalogInfo } from './catalog-tables.js';

export interface FunctionDb {
  function(name: string, options: { varargs?: boolean; deterministic?: boolean }, fn: (...args: unknown[]) => unknown): void;
  aggregate(name: string, options: { start: unknown; step: (acc: unknown, ...args: unknown[]) => unknown; result?: (acc: unknown) => unknown }): void;
}

export interface SessionFacts extends CatalogInfo {
  readonly version: string;
  readonly pid: number;
  readonly port: number;
}

const TYPE_NAMES: Readonly<Record<number, string>> = {
  16: 'boolean',
  18: '"char"',
  19: 'name',
  20: 'bigint',
  21: 'smallint',
  23: 'integer',
  25: 'text',
  26: 'oid',
  114: 'json',
  700: 'real',
  701: 'double precision',
  1043: 'character varying',
  3802: 'jsonb',
};

/** `descriptions`: "oid/column number" → text (0 = the relation itself), read by obj_ / col_description. */
export function registerFunctions(db: FunctionDb, facts: SessionFacts, descriptions: ReadonlyMap<string, string>): void {
  const fn = (name: string, impl: (...args: unknown[]) => unknown) => db.function(name, { varargs: true }, impl);
  const schemas = () => (facts.settings.get('search_path') ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '"$user"' && s !== '');
  fn('regexp', (pattern, value) => (value === null || pattern === null ? null : new RegExp(String(pattern)).test(String(value)) ? 1 : 0));
  fn('version', () => facts.version);
  fn('current_setting', (name) => facts.settings.get(String(name).toLowerCase()) ?? null);
  fn('set_config', (_name, value) => value);
  fn('current_database', () => facts.database);
  fn('current_catalog', () => facts.database);
  fn('current_user', () => facts.user);
  fn('session_user', () => facts.user);
  fn('user', () => facts.user);
  fn('current_schema', () => schemas()[0] ?? 'public');
  fn('current_schemas', () => `{${schemas().join(',')}}`);
  // The search_path as a JSON array, "$user" as the user (translate.ts: Grafana's schema constraint).
  fn('search_path_schemas', () => JSON.stringify((facts.settings.get('search_path') ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '').map((s) => (s === '"$user"' ? facts.user : s))));
  // parse_ident('schema.table') as a JSON array of its parts, unquoted ("a.b" stays one part).
  fn('parse_ident', (name) => JSON.stringify([...String(name ?? '').matchAll(/"((?:[^"]|"")*)"|([^.]+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2].trim().toLowerCase()))));
  fn('pg_backend_pid', () => facts.pid);
  fn('inet_server_port', () => facts.port);
  fn('inet_server_addr', () => null);
  fn('pg_is_in_recovery', () => 0);
  fn('pg_encoding_to_char', () => 'UTF8');
  fn('pg_get_userbyid', () => facts.user);
  fn('pg_table_is_visible', () => 1);
  fn('pg_type_is_visible', () => 1);
  fn('pg_function_is_visible', () => 1);
  fn('pg_collation_is_visible', () => 1);
  // Views have no serial columns (SQLAlchemy's get_columns asks for each column's identity sequence).
  fn('pg_get_serial_sequence', () => null);
  fn('json_build_object', (...args) => JSON.stringify(Object.fromEntries(Array.from({ length: Math.floor(args.length / 2) }, (_, i) => [String(args[2 * i]), args[2 * i + 1]]))));
  fn('pg_get_expr', () => null);
  fn('pg_get_viewdef', () => ' -- a hookql resource: its rows are read from the API when it is queried');
  fn('pg_get_indexdef', () => null);
  fn('pg_get_constraintdef', () => null);
  fn('pg_relation_size', () => 0);
  fn('pg_total_relation_size', () => 0);
  fn('pg_table_size', () => 0);
  fn('pg_indexes_size', () => 0);
  fn('pg_size_pretty', (n) => `${Number(n)} bytes`);
  fn('array_to_string', () => '');
  fn('quote_ident', (s) => (s === null ? null : /^[a-z_][a-z0-9_]*$/.test(String(s)) ? String(s) : `"${String(s).replace(/"/g, '""')}"`));
  fn('format_type', (oid) => (oid === null ? null : TYPE_NAMES[Number(oid)] ?? 'text'));
  fn('txid_current', () => 1);
  // A type's OID by name (typname or SQL name), NULL for types hookql has not (hstore: psycopg and
  // SQLAlchemy ask at connect time, and PostgreSQL without the extension answers NULL too).
  fn('to_regtype', (name) => {
    const wanted = String(name ?? '').replace(/^pg_catalog\./i, '').replace(/"/g, '').toLowerCase();
    const typname = TYPES.find(([, n]) => n === wanted);
    const sqlName = Object.entries(TYPE_NAMES).find(([, n]) => n.replace(/"/g, '') === wanted);
    return typname ? typname[0] : sqlName ? Number(sqlName[0]) : null;
  });
  for (const name of ['has_table_privilege', 'has_schema_privilege', 'has_database_privilege', 'has_column_privilege', 'has_function_privilege']) fn(name, () => 1);
  // From a map, not a query: SQLite cannot run a statement from inside a function of another one.
  fn('obj_description', (oid) => descriptions.get(`${Number(oid)}/0`) ?? null);
  fn('col_description', (oid, n) => descriptions.get(`${Number(oid)}/${Number(n)}`) ?? null);
  db.aggregate('string_agg', {
    start: null,
    step: (acc, value, sep) => (value === null ? acc : acc === null ? String(value) : `${String(acc)}${String(sep)}${String(value)}`),
  });
}
