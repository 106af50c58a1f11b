// The port a snapshot writes through, and the two SQL dialects behind it: an embedded SQLite file
// (tables prefixed `hookql_`) and PostgreSQL (schema `hookql`). Everything a run writes happens in
// one transaction under the store's lock, so two runs at once serialize and neither sees the
// other's half.

import type { ColumnType } from '../result.js';

export interface Tx {
  /** `?` placeholders (the PostgreSQL store numbers them). */
  query(sql: string, params?: readonly unknown[]): Promise<Record<string, unknown>[]>;
  /** Column names of a table, or [] when it does not exist. */
  columnsOf(table: string): Promise<string[]>;
}

export interface Store {
  readonly dialect: Dialect;
  /** Runs `fn` in one transaction holding the snapshot lock; a second writer waits for it. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface Dialect {
  /** The name of one of hookql's tables in this store (`hookql."x"` or `"hookql_x"`). */
  table(name: string): string;
  column(type: ColumnType): string;
  /** A value as a statement parameter (JSON as text, booleans as the store keeps them). */
  param(type: ColumnType, value: unknown): unknown;
  readonly schema: readonly string[];
  readonly timestamp: string;
  readonly json: string;
  readonly idColumn: string;
}

export const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

export const SQLITE: Dialect = {
  table: (name) => quote(`hookql_${name}`),
  column: (type) => ({ text: 'TEXT', integer: 'INTEGER', real: 'REAL', boolean: 'INTEGER', json: 'TEXT', 'epoch-ms': 'INTEGER' })[type],
  param: (type, v) => (v === null || v === undefined ? null : type === 'json' ? JSON.stringify(v) : type === 'boolean' ? (v ? 1 : 0) : v),
  schema: [],
  timestamp: 'TEXT',
  json: 'TEXT',
  idColumn: 'INTEGER PRIMARY KEY AUTOINCREMENT',
};

export const POSTGRESQL: Dialect = {
  table: (name) => `hookql.${quote(name)}`,
  column: (type) => ({ text: 'text', integer: 'bigint', real: 'double precision', boolean: 'boolean', json: 'jsonb', 'epoch-ms': 'bigint' })[type],
  param: (type, v) => (v === null || v === undefined ? null : type === 'json' ? JSON.stringify(v) : v),
  schema: ['CREATE SCHEMA IF NOT EXISTS hookql'],
  timestamp: 'timestamptz',
  json: 'jsonb',
  idColumn: 'bigserial PRIMARY KEY',
};
