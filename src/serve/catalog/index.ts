// serve/catalog: answers the catalogue queries clients send (psql's \d, JDBC and BI tools'
// metadata, `SELECT version()`) from an in-memory SQLite copy of pg_catalog / information_schema
// built from the resource definitions. Nothing here reaches the API.
//
// better-sqlite3 is used directly: this database is the front end's own model of PostgreSQL's
// catalogue, not the engine's scratch data.

import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import { UnsupportedSqlError } from '../../errors.js';
import type { ResourceDefinition } from '../../definition/types.js';
import type { WireField } from '../wire-writer.js';
import { createCatalogTables } from './catalog-tables.js';
import { registerFunctions, type SessionFacts } from './catalog-functions.js';
import { toSqlite } from './translate.js';
import { pgColumnName } from '../pg-types.js';

export { readsCatalog } from './translate.js';
export type { SessionFacts } from './catalog-functions.js';

export interface CatalogAnswer {
  readonly fields: readonly WireField[];
  readonly rows: readonly (readonly (string | null)[])[];
}

export interface Catalog {
  query(sql: string): CatalogAnswer;
  close(): void;
}

/** Declared PostgreSQL types of the catalogue columns → type OID and size. */
const DECLARED: Readonly<Record<string, readonly [number, number]>> = {
  BOOLEAN: [16, 1],
  CHAR: [18, 1],
  NAME: [19, 64],
  INT2: [21, 2],
  INT4: [23, 4],
  OID: [26, 4],
  FLOAT4: [700, 4],
  TEXT: [25, -1],
};

export function openCatalog(resources: readonly ResourceDefinition[], facts: SessionFacts): Catalog {
  const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  const db = new Database(':memory:');
  db.exec("ATTACH DATABASE ':memory:' AS pg_catalog; ATTACH DATABASE ':memory:' AS information_schema;");
  registerFunctions(db as never, facts, createCatalogTables(db, resources, facts));
  return {
    query(sql) {
      let statement: BetterSqlite3.Statement;
      try {
        statement = db.prepare(toSqlite(sql));
      } catch (e) {
        throw new UnsupportedSqlError(`this catalogue query is not supported by hookql serve: ${(e as Error).message}`, {
          hint: 'hookql serve answers the pg_catalog / information_schema queries of psql, JDBC and common BI tools; DESCRIBE <resource> lists a resource\'s columns',
        });
      }
      if (!statement.reader) throw new UnsupportedSqlError('the catalogue is read-only', { hint: 'only SELECT works on pg_catalog and information_schema' });
      const columns = statement.columns();
      const rows = statement.raw(true).all() as unknown[][];
      const fields = columns.map((c, i) => field(c.name, c.type, rows.map((r) => r[i])));
      return { fields, rows: rows.map((r) => r.map((v, i) => text(fields[i].typeOid, v))) };
    },
    close: () => db.close(),
  };
}

function field(text: string, declared: string | null, values: readonly unknown[]): WireField {
  const name = pgColumnName(text);
  const known = declared === null ? undefined : DECLARED[declared.toUpperCase()];
  if (known) return { name, typeOid: known[0], typeSize: known[1] };
  const present = values.filter((v) => v !== null);
  if (present.length > 0 && present.every((v) => typeof v === 'number' || typeof v === 'bigint')) {
    return present.every((v) => typeof v === 'bigint' || Number.isInteger(v)) ? { name, typeOid: 20, typeSize: 8 } : { name, typeOid: 701, typeSize: 8 };
  }
  return { name, typeOid: 25, typeSize: -1 };
}

function text(typeOid: number, v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeOid === 16) return v === 1 || v === 't' || v === true ? 't' : 'f';
  return String(v);
}
