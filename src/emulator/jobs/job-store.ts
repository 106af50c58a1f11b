// The jobs table: what /api/2.x/jobs/create made, so run-now can refuse unknown jobs and a job hook's
// delivery can take the payload form of the job's task type. Settings are kept as sent (JSON).

import type { Db } from '../store.js';

export const JOBS_SCHEMA = `
CREATE TABLE IF NOT EXISTS jobs (
  -- Job ids are int64 on the wire (PY jobs.py CreateResponse.job_id); they start high, like real ones.
  job_id INTEGER PRIMARY KEY AUTOINCREMENT,
  settings TEXT NOT NULL,
  creator_user_name TEXT NOT NULL,
  created_time INTEGER NOT NULL
);
INSERT INTO sqlite_sequence (name, seq) SELECT 'jobs', 100000000000 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'jobs');
`;

export interface JobSettings {
  readonly name?: string;
  readonly tasks?: readonly Record<string, unknown>[];
  readonly [key: string]: unknown;
}

export interface StoredJob {
  readonly job_id: number;
  readonly creator_user_name: string;
  readonly created_time: number;
  readonly settings: JobSettings;
}

interface Row {
  job_id: number;
  settings: string;
  creator_user_name: string;
  created_time: number;
}

export class JobStore {
  constructor(private readonly db: Db) {}

  create(settings: JobSettings, creator: string): StoredJob {
    const now = Date.now();
    const result = this.db
      .prepare('INSERT INTO jobs (settings, creator_user_name, created_time) VALUES (?, ?, ?)')
      .run(JSON.stringify(settings), creator, now);
    return { job_id: Number(result.lastInsertRowid), creator_user_name: creator, created_time: now, settings };
  }

  get(jobId: number): StoredJob | undefined {
    const row = this.db.prepare('SELECT * FROM jobs WHERE job_id = ?').get(jobId) as Row | undefined;
    return row && fromRow(row);
  }

  /** Newest first ("relative to the most recently created job", PY jobs.py list), ids below `beforeId`. */
  page(beforeId: number, limit: number, name: string | undefined): { rows: StoredJob[]; more: boolean } {
    const rows = (
      this.db.prepare('SELECT * FROM jobs WHERE job_id < ? ORDER BY job_id DESC').all(beforeId) as Row[]
    ).map(fromRow).filter((job) => name === undefined || (job.settings.name ?? '').toLowerCase() === name.toLowerCase());
    return { rows: rows.slice(0, limit), more: rows.length > limit };
  }

  clear(): void {
    this.db.prepare('DELETE FROM jobs').run();
  }
}

function fromRow(row: Row): StoredJob {
  return { job_id: row.job_id, creator_user_name: row.creator_user_name, created_time: row.created_time, settings: JSON.parse(row.settings) as JobSettings };
}
