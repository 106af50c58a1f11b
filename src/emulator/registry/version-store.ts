// Model versions. A version is READY at once (the real service goes through PENDING_REGISTRATION
// while it copies artifacts; the emulator has none to copy).

import type { Db } from '../store.js';
import type { NewVersion, Stage, StoredVersion, Tag } from './registry-types.js';
import type { FilterCondition } from './search-filter.js';

interface Row {
  seq: number;
  model_name: string;
  version: number;
  description: string | null;
  user_id: string;
  source: string;
  run_id: string | null;
  run_link: string | null;
  current_stage: string;
  status: string;
  tags: string;
  creation_timestamp: number;
  last_updated_timestamp: number;
}

export class VersionStore {
  constructor(private readonly db: Db) {}

  insert(version: number, userId: string, fields: NewVersion): StoredVersion {
    const now = Date.now();
    this.db
      .prepare(
        `INSERT INTO model_versions (model_name, version, description, user_id, source, run_id, run_link, current_stage,
           status, tags, creation_timestamp, last_updated_timestamp)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'None', 'READY', ?, ?, ?)`,
      )
      .run(fields.model_name, version, fields.description ?? null, userId, fields.source, fields.run_id ?? null,
        fields.run_link ?? null, JSON.stringify(fields.tags), now, now);
    return this.get(fields.model_name, version) as StoredVersion;
  }

  get(modelName: string, version: number): StoredVersion | undefined {
    const row = this.db.prepare('SELECT * FROM model_versions WHERE model_name = ? AND version = ?').get(modelName, version) as Row | undefined;
    return row && fromRow(row);
  }

  /** Versions of one model, newest first. */
  ofModel(modelName: string): StoredVersion[] {
    return (this.db.prepare('SELECT * FROM model_versions WHERE model_name = ? ORDER BY version DESC').all(modelName) as Row[]).map(fromRow);
  }

  /** Search order: name ASC, then version DESC (the documented tie-break, minus the transition time). */
  page(filter: FilterCondition | undefined, offset: number, limit: number): { rows: StoredVersion[]; more: boolean } {
    const column = filter?.identifier === 'run_id' ? 'run_id' : 'model_name';
    const where = filter ? `WHERE ${column} = @value` : '';
    const sql = `SELECT * FROM model_versions ${where} ORDER BY model_name ASC, version DESC LIMIT @limit OFFSET @offset`;
    const rows = this.db.prepare(sql).all({ limit: limit + 1, offset, ...(filter ? { value: filter.value } : {}) }) as Row[];
    return { rows: rows.slice(0, limit).map(fromRow), more: rows.length > limit };
  }

  setDescription(modelName: string, version: number, description: string | undefined): void {
    this.db.prepare('UPDATE model_versions SET description = ?, last_updated_timestamp = ? WHERE model_name = ? AND version = ?')
      .run(description ?? null, Date.now(), modelName, version);
  }

  setStage(modelName: string, version: number, stage: Stage): void {
    this.db.prepare('UPDATE model_versions SET current_stage = ?, last_updated_timestamp = ? WHERE model_name = ? AND version = ?')
      .run(stage, Date.now(), modelName, version);
  }

  setTags(modelName: string, version: number, tags: readonly Tag[]): void {
    this.db.prepare('UPDATE model_versions SET tags = ?, last_updated_timestamp = ? WHERE model_name = ? AND version = ?')
      .run(JSON.stringify(tags), Date.now(), modelName, version);
  }

  delete(modelName: string, version: number): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM registry_activities WHERE model_name = ? AND version = ?').run(modelName, version);
      this.db.prepare('DELETE FROM model_versions WHERE model_name = ? AND version = ?').run(modelName, version);
    })();
  }
}

function fromRow(row: Row): StoredVersion {
  return {
    seq: row.seq,
    model_name: row.model_name,
    version: row.version,
    description: row.description ?? undefined,
    user_id: row.user_id,
    source: row.source,
    run_id: row.run_id ?? undefined,
    run_link: row.run_link ?? undefined,
    current_stage: row.current_stage as Stage,
    status: 'READY',
    tags: JSON.parse(row.tags) as Tag[],
    creation_timestamp: row.creation_timestamp,
    last_updated_timestamp: row.last_updated_timestamp,
  };
}
