// The pg_catalog and information_schema relations clients read on connect and in `\d`, as SQLite
// tables filled from the resource definitions. Each resource is a view (relkind 'v': rows computed
// on demand from the API, nothing stored, no indexes, no constraints) in a schema named after its
// service, in a catalog named after its provider: `databricks_workspace.ml.model_registry_webhooks`
// reads as PostgreSQL's catalog.schema.table. Column declarations keep PostgreSQL's types, so the
// answer carries the right type OIDs and booleans print as t / f.

import type { ResourceDefinition } from '../../definition/types.js';
import { resourceColumns } from '../../engine.js';
import { PG_TYPES } from '../pg-types.js';

export const OWNER_OID = 10;
const FIRST_NAMESPACE_OID = 16384;
const FIRST_RELATION_OID = 16500;
export const PG_CATALOG_OID = 11;
export const PUBLIC_OID = 2200;

const PG_CATALOG_DDL = `
CREATE TABLE pg_catalog.pg_namespace (oid OID, nspname NAME, nspowner OID, nspacl TEXT);
CREATE TABLE pg_catalog.pg_class (oid OID, relname NAME, relnamespace OID, reltype OID, reloftype OID, relowner OID,
  relam OID, relfilenode OID, reltablespace OID, relpages INT4, reltuples FLOAT4, relallvisible INT4, reltoastrelid OID,
  relhasindex BOOLEAN, relisshared BOOLEAN, relpersistence CHAR, relkind CHAR, relnatts INT2, relchecks INT2,
  relhasrules BOOLEAN, relhastriggers BOOLEAN, relhassubclass BOOLEAN, relrowsecurity BOOLEAN, relforcerowsecurity BOOLEAN,
  relispopulated BOOLEAN, relreplident CHAR, relispartition BOOLEAN, relrewrite OID, relacl TEXT, reloptions TEXT, relpartbound TEXT);
CREATE TABLE pg_catalog.pg_attribute (attrelid OID, attname NAME, atttypid OID, attstattarget INT4, attlen INT2, attnum INT2,
  attndims INT4, atttypmod INT4, attbyval BOOLEAN, attalign CHAR, attstorage CHAR, attnotnull BOOLEAN, atthasdef BOOLEAN,
  atthasmissing BOOLEAN, attidentity CHAR, attgenerated CHAR, attisdropped BOOLEAN, attislocal BOOLEAN, attinhcount INT4,
  attcollation OID, attacl TEXT, attoptions TEXT, attfdwoptions TEXT);
CREATE TABLE pg_catalog.pg_type (oid OID, typname NAME, typnamespace OID, typowner OID, typlen INT2, typbyval BOOLEAN,
  typtype CHAR, typcategory CHAR, typispreferred BOOLEAN, typisdefined BOOLEAN, typdelim CHAR, typrelid OID, typelem OID,
  typarray OID, typinput TEXT, typoutput TEXT, typnotnull BOOLEAN, typbasetype OID, typtypmod INT4, typndims INT4,
  typcollation OID, typdefault TEXT);
CREATE TABLE pg_catalog.pg_description (objoid OID, classoid OID, objsubid INT4, description TEXT);
CREATE TABLE pg_catalog.pg_database (oid OID, datname NAME, datdba OID, encoding INT4, datlocprovider CHAR, datcollate NAME,
  datctype NAME, daticulocale TEXT, datistemplate BOOLEAN, datallowconn BOOLEAN, datconnlimit INT4, dattablespace OID, datacl TEXT);
CREATE TABLE pg_catalog.pg_roles (oid OID, rolname NAME, rolsuper BOOLEAN, rolinherit BOOLEAN, rolcreaterole BOOLEAN,
  rolcreatedb BOOLEAN, rolcanlogin BOOLEAN, rolreplication BOOLEAN, rolconnlimit INT4, rolbypassrls BOOLEAN);
CREATE TABLE pg_catalog.pg_am (oid OID, amname NAME, amhandler TEXT, amtype CHAR);
CREATE TABLE pg_catalog.pg_attrdef (oid OID, adrelid OID, adnum INT2, adbin TEXT);
CREATE TABLE pg_catalog.pg_collation (oid OID, collname NAME, collnamespace OID);
CREATE TABLE pg_catalog.pg_sequence (seqrelid OID, seqtypid OID, seqstart INT4, seqincrement INT4, seqmax INT4, seqmin INT4, seqcache INT4, seqcycle BOOLEAN);
CREATE TABLE pg_catalog.pg_index (indexrelid OID, indrelid OID, indisprimary BOOLEAN, indisunique BOOLEAN);
CREATE TABLE pg_catalog.pg_constraint (oid OID, conname NAME, connamespace OID, contype CHAR, conrelid OID, confrelid OID, conkey TEXT);
CREATE TABLE pg_catalog.pg_inherits (inhrelid OID, inhparent OID, inhseqno INT4);
CREATE TABLE pg_catalog.pg_proc (oid OID, proname NAME, pronamespace OID, prokind CHAR, prorettype OID);
CREATE TABLE pg_catalog.pg_extension (oid OID, extname NAME, extversion TEXT);
CREATE TABLE pg_catalog.pg_enum (oid OID, enumtypid OID, enumsortorder FLOAT4, enumlabel NAME);
CREATE TABLE pg_catalog.pg_settings (name TEXT, setting TEXT, unit TEXT, category TEXT, short_desc TEXT);
CREATE VIEW pg_catalog.pg_user AS SELECT rolname AS usename, oid AS usesysid, rolsuper AS usesuper FROM pg_roles;
CREATE VIEW pg_catalog.pg_tables AS SELECT nspname AS schemaname, relname AS tablename, 'hookql' AS tableowner
  FROM pg_class JOIN pg_namespace ON pg_namespace.oid = relnamespace WHERE relkind = 'r';
CREATE VIEW pg_catalog.pg_views AS SELECT nspname AS schemaname, relname AS viewname, 'hookql' AS viewowner, NULL AS definition
  FROM pg_class JOIN pg_namespace ON pg_namespace.oid = relnamespace WHERE relkind = 'v';
CREATE TABLE pg_catalog.pg_matviews (schemaname NAME, matviewname NAME);
`;

const INFORMATION_SCHEMA_DDL = `
CREATE TABLE information_schema.schemata (catalog_name TEXT, schema_name TEXT, schema_owner TEXT);
CREATE TABLE information_schema.tables (table_catalog TEXT, table_schema TEXT, table_name TEXT, table_type TEXT,
  is_insertable_into TEXT);
CREATE TABLE information_schema.views (table_catalog TEXT, table_schema TEXT, table_name TEXT, view_definition TEXT);
CREATE TABLE information_schema.columns (table_catalog TEXT, table_schema TEXT, table_name TEXT, column_name TEXT,
  ordinal_position INT4, column_default TEXT, is_nullable TEXT, data_type TEXT, udt_name TEXT,
  character_maximum_length INT4, numeric_precision INT4, numeric_scale INT4);
`;

/** Built-in types the answers use (OIDs fixed by PostgreSQL). */
export const TYPES: readonly (readonly [number, string, number, string])[] = [
  [16, 'bool', 1, 'B'],
  [18, 'char', 1, 'S'],
  [19, 'name', 64, 'S'],
  [20, 'int8', 8, 'N'],
  [21, 'int2', 2, 'N'],
  [23, 'int4', 4, 'N'],
  [25, 'text', -1, 'S'],
  [26, 'oid', 4, 'N'],
  [114, 'json', -1, 'U'],
  [700, 'float4', 4, 'N'],
  [701, 'float8', 8, 'N'],
  [1043, 'varchar', -1, 'S'],
  [3802, 'jsonb', -1, 'U'],
];

export interface CatalogDb {
  exec(sql: string): void;
  prepare(sql: string): { run(...params: unknown[]): unknown };
}

export interface CatalogInfo {
  readonly database: string;
  readonly user: string;
  readonly settings: ReadonlyMap<string, string>;
}

/** Creates and fills the tables; returns the descriptions (see registerFunctions). */
export function createCatalogTables(db: CatalogDb, resources: readonly ResourceDefinition[], info: CatalogInfo): Map<string, string> {
  db.exec(PG_CATALOG_DDL + INFORMATION_SCHEMA_DDL);
  const descriptions = new Map<string, string>();
  const insert = (table: string, row: readonly unknown[]) => {
    db.prepare(`INSERT INTO ${table} VALUES (${row.map(() => '?').join(', ')})`).run(...row.map(sqliteValue));
    if (table === 'pg_description') descriptions.set(`${String(row[0])}/${String(row[2])}`, String(row[3]));
  };
  const schemas = [...new Set(resources.map((d) => d.service))].sort();
  const nsOid = (service: string) => FIRST_NAMESPACE_OID + schemas.indexOf(service);
  insert('pg_namespace', [PG_CATALOG_OID, 'pg_catalog', OWNER_OID, null]);
  insert('pg_namespace', [PUBLIC_OID, 'public', OWNER_OID, null]);
  insert('pg_namespace', [13000, 'information_schema', OWNER_OID, null]);
  for (const s of schemas) insert('pg_namespace', [nsOid(s), s, OWNER_OID, null]);
  for (const [oid, name, len, category] of TYPES) {
    insert('pg_type', [oid, name, PG_CATALOG_OID, OWNER_OID, len, len > 0, 'b', category, false, true, ',', 0, 0, 0, `${name}in`, `${name}out`, false, 0, -1, 0, category === 'S' ? 100 : 0, null]);
  }
  insert('pg_roles', [OWNER_OID, info.user, false, true, false, false, true, false, -1, false]);
  insert('pg_database', [1, info.database, OWNER_OID, 6, 'c', 'C.UTF-8', 'C.UTF-8', null, false, true, -1, 1663, null]);
  insert('pg_am', [2, 'heap', 'heap_tableam_handler', 't']);
  for (const [name, setting] of info.settings) insert('pg_settings', [name, setting, null, 'hookql', null]);
  for (const s of schemas) insert('information_schema.schemata', [info.database, s, info.user]);
  [...resources]
    .sort((a, b) => a.id.localeCompare(b.id))
    .forEach((def, i) => addRelation(insert, def, FIRST_RELATION_OID + i, nsOid(def.service)));
  return descriptions;
}

type Insert = (table: string, row: readonly unknown[]) => void;

function addRelation(insert: Insert, def: ResourceDefinition, oid: number, namespace: number): void {
  const columns = resourceColumns(def);
  insert('pg_class', [oid, def.name, namespace, 0, 0, OWNER_OID, 0, 0, 0, 0, -1, 0, 0, false, false, 'p', 'v', columns.length, 0, false, false, false, false, false, true, 'n', false, 0, null, null, null]);
  insert('pg_description', [oid, 1259, 0, def.description]);
  insert('information_schema.tables', [def.provider, def.service, def.name, 'VIEW', 'YES']);
  insert('information_schema.views', [def.provider, def.service, def.name, null]);
  columns.forEach((c, i) => {
    const type = PG_TYPES[c.type];
    insert('pg_attribute', [oid, c.name, type.oid, -1, type.size, i + 1, 0, -1, type.size > 0, 'i', 'x', false, false, false, '', '', false, true, 0, c.type === 'text' ? 100 : 0, null, null, null]);
    const description = def.fields.find((f) => f.name === c.name)?.description ?? def.params.find((p) => p.name === c.name)?.description;
    if (description) insert('pg_description', [oid, 1259, i + 1, description]);
    insert('information_schema.columns', [def.provider, def.service, def.name, c.name, i + 1, null, 'YES', type.name, udtName(type.oid), null, null, null]);
  });
}

function udtName(oid: number): string {
  return TYPES.find(([o]) => o === oid)?.[1] ?? 'text';
}

function sqliteValue(v: unknown): unknown {
  return typeof v === 'boolean' ? (v ? 1 : 0) : v;
}
