// Activities of a model version: transition requests (open until approved, rejected or cancelled),
// applied and system transitions, and comments. Ids are 32 hex characters, like webhook ids.

import { randomBytes } from 'node:crypto';
import type { Db } from '../store.js';
import type { ActivityType, NewActivity, StoredActivity } from './registry-types.js';

interface Row {
  seq: number;
  id: string;
  model_name: string;
  version: number;
  activity_type: string;
  from_stage: string | null;
  to_stage: string | null;
  comment: string | null;
  system_comment: string | null;
  user_id: string;
  open: number;
  creation_timestamp: number;
  last_updated_timestamp: number;
}

export class ActivityStore {
  constructor(private readonly db: Db) {}

  insert(activity: NewActivity): StoredActivity {
    const id = randomBytes(16).toString('hex');
    const now = Date.now();
    this.db
      .prepare(
        `INSERT INTO registry_activities (id, model_name, version, activity_type, from_stage, to_stage, comment,
           system_comment, user_id, open, creation_timestamp, last_updated_timestamp)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, activity.model_name, activity.version, activity.activity_type, activity.from_stage ?? null, activity.to_stage ?? null,
        activity.comment ?? null, activity.system_comment ?? null, activity.user_id, activity.open ? 1 : 0, now, now);
    return this.get(id) as StoredActivity;
  }

  get(id: string): StoredActivity | undefined {
    const row = this.db.prepare('SELECT * FROM registry_activities WHERE id = ?').get(id) as Row | undefined;
    return row && fromRow(row);
  }

  /** Open transition requests of a version, oldest first. */
  openRequests(modelName: string, version: number): StoredActivity[] {
    const rows = this.db
      .prepare('SELECT * FROM registry_activities WHERE model_name = ? AND version = ? AND open = 1 ORDER BY seq')
      .all(modelName, version) as Row[];
    return rows.map(fromRow);
  }

  /** Closes an open request, recording how (APPROVED_REQUEST, REJECTED_REQUEST, CANCELLED_REQUEST). */
  close(id: string, type: ActivityType, comment: string | undefined): StoredActivity {
    this.db
      .prepare('UPDATE registry_activities SET open = 0, activity_type = ?, comment = coalesce(?, comment), last_updated_timestamp = ? WHERE id = ?')
      .run(type, comment ?? null, Date.now(), id);
    return this.get(id) as StoredActivity;
  }

  /** A comment's text; only NEW_COMMENT activities are comments. */
  updateComment(id: string, comment: string): StoredActivity {
    this.db.prepare('UPDATE registry_activities SET comment = ?, last_updated_timestamp = ? WHERE id = ?').run(comment, Date.now(), id);
    return this.get(id) as StoredActivity;
  }

  delete(id: string): void {
    this.db.prepare('DELETE FROM registry_activities WHERE id = ?').run(id);
  }
}

function fromRow(row: Row): StoredActivity {
  return {
    seq: row.seq,
    id: row.id,
    model_name: row.model_name,
    version: row.version,
    activity_type: row.activity_type as ActivityType,
    from_stage: row.from_stage ?? undefined,
    to_stage: row.to_stage ?? undefined,
    comment: row.comment ?? undefined,
    system_comment: row.system_comment ?? undefined,
    user_id: row.user_id,
    open: row.open === 1,
    creation_timestamp: row.creation_timestamp,
    last_updated_timestamp: row.last_updated_timestamp,
  };
}
