// Registered models: one SQLite row each, tags as JSON text. Deleting or renaming a model carries its
// versions and activities along (the real cascade rules are UNVERIFIED; a permissive emulator cascades).

import type { Db } from '../store.js';
import type { StoredModel, Tag } from './registry-types.js';
import { filterSql, type FilterCondition } from './search-filter.js';

interface Row {
  seq: number;
  name: string;
  description: string | null;
  user_id: string;
  tags: string;
  creation_timestamp: number;
  last_updated_timestamp: number;
}

export interface ModelOrder {
  readonly column: 'name' | 'last_updated_timestamp';
  readonly descending: boolean;
}

export class ModelStore {
  constructor(private readonly db: Db) {}

  /** undefined when the name is taken. */
  insert(name: string, userId: string, description: string | undefined, tags: readonly Tag[]): StoredModel | undefined {
    const now = Date.now();
    const result = this.db
      .prepare(
        `INSERT INTO registered_models (name, description, user_id, tags, creation_timestamp, last_updated_timestamp)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING`,
      )
      .run(name, description ?? null, userId, JSON.stringify(dedupeTags(tags)), now, now);
    return result.changes === 0 ? undefined : this.get(name);
  }

  /** Many at once in one transaction (the emulator's seed endpoint, for benchmarks). */
  insertMany(names: readonly string[], userId: string): number {
    const insert = this.db.prepare(
      `INSERT INTO registered_models (name, user_id, creation_timestamp, last_updated_timestamp) VALUES (?, ?, ?, ?)
       ON CONFLICT (name) DO NOTHING`,
    );
    const run = this.db.transaction((items: readonly string[]) => {
      const now = Date.now();
      return items.reduce((n, name) => n + insert.run(name, userId, now, now).changes, 0);
    });
    return run(names);
  }

  get(name: string): StoredModel | undefined {
    const row = this.db.prepare('SELECT * FROM registered_models WHERE name = ?').get(name) as Row | undefined;
    return row && fromRow(row);
  }

  /** One page in the given order (ties broken by name ASC), plus whether more rows follow. */
  page(filter: FilterCondition | undefined, order: ModelOrder, offset: number, limit: number): { rows: StoredModel[]; more: boolean } {
    const where = filter ? filterSql(filter, 'name') : undefined;
    const direction = order.descending ? 'DESC' : 'ASC';
    const sql = `SELECT * FROM registered_models ${where ? `WHERE ${where.sql}` : ''}
      ORDER BY ${order.column} ${direction}, name ASC LIMIT @limit OFFSET @offset`;
    const rows = this.db.prepare(sql).all({ limit: limit + 1, offset, ...(where ? { filterValue: where.value } : {}) }) as Row[];
    return { rows: rows.slice(0, limit).map(fromRow), more: rows.length > limit };
  }

  setDescription(name: string, description: string | undefined): void {
    this.db.prepare('UPDATE registered_models SET description = ?, last_updated_timestamp = ? WHERE name = ?').run(description ?? null, Date.now(), name);
  }

  /** Moves the model, its versions and its activities to the new name in one transaction. */
  rename(name: string, newName: string): void {
    this.db.transaction(() => {
      const now = Date.now();
      this.db.prepare('UPDATE registered_models SET name = ?, last_updated_timestamp = ? WHERE name = ?').run(newName, now, name);
      this.db.prepare('UPDATE model_versions SET model_name = ? WHERE model_name = ?').run(newName, name);
      this.db.prepare('UPDATE registry_activities SET model_name = ? WHERE model_name = ?').run(newName, name);
    })();
  }

  delete(name: string): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM registry_activities WHERE model_name = ?').run(name);
      this.db.prepare('DELETE FROM model_versions WHERE model_name = ?').run(name);
      this.db.prepare('DELETE FROM registered_models WHERE name = ?').run(name);
    })();
  }

  setTags(name: string, tags: readonly Tag[]): void {
    this.db.prepare('UPDATE registered_models SET tags = ?, last_updated_timestamp = ? WHERE name = ?').run(JSON.stringify(tags), Date.now(), name);
  }

  /** The next version number of a model (never reused). */
  allocateVersion(name: string): number {
    this.db.prepare('UPDATE registered_models SET last_version = last_version + 1, last_updated_timestamp = ? WHERE name = ?').run(Date.now(), name);
    return (this.db.prepare('SELECT last_version AS v FROM registered_models WHERE name = ?').get(name) as { v: number }).v;
  }

  touch(name: string): void {
    this.db.prepare('UPDATE registered_models SET last_updated_timestamp = ? WHERE name = ?').run(Date.now(), name);
  }

  clear(): void {
    this.db.exec('DELETE FROM registry_activities; DELETE FROM model_versions; DELETE FROM registered_models;');
  }
}

/** Setting a key that exists replaces its value (§3). */
export function withTag(tags: readonly Tag[], tag: Tag): Tag[] {
  return [...tags.filter((t) => t.key !== tag.key), tag];
}

export function dedupeTags(tags: readonly Tag[]): Tag[] {
  return tags.reduce<Tag[]>((all, tag) => withTag(all, tag), []);
}

function fromRow(row: Row): StoredModel {
  return {
    seq: row.seq,
    name: row.name,
    description: row.description ?? undefined,
    user_id: row.user_id,
    tags: JSON.parse(row.tags) as Tag[],
    creation_timestamp: row.creation_timestamp,
    last_updated_timestamp: row.last_updated_timestamp,
  };
}
