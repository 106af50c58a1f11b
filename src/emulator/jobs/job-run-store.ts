// Runs started through the emulator's own POST /api/2.x/jobs/run-now, so job-spec webhooks work
// locally and tests can see what a job would have received.

import type { Db } from '../store.js';

export const JOB_RUNS_SCHEMA = `
CREATE TABLE IF NOT EXISTS job_runs (
  run_id INTEGER PRIMARY KEY AUTOINCREMENT,
  job_id TEXT NOT NULL,
  request TEXT NOT NULL,
  creation_timestamp INTEGER NOT NULL
);
`;

export interface JobRun {
  readonly run_id: number;
  readonly job_id: string;
  /** The run-now request body as received (it carries the webhook payload, never a token). */
  readonly request: unknown;
  readonly creation_timestamp: number;
}

export class JobRunStore {
  constructor(private readonly db: Db) {}

  record(jobId: string, request: unknown): JobRun {
    const now = Date.now();
    const result = this.db
      .prepare('INSERT INTO job_runs (job_id, request, creation_timestamp) VALUES (?, ?, ?)')
      .run(jobId, JSON.stringify(request), now);
    return { run_id: Number(result.lastInsertRowid), job_id: jobId, request, creation_timestamp: now };
  }

  list(): JobRun[] {
    const rows = this.db.prepare('SELECT * FROM job_runs ORDER BY run_id').all() as Array<{
      run_id: number;
      job_id: string;
      request: string;
      creation_timestamp: number;
    }>;
    return rows.map((row) => ({ ...row, request: JSON.parse(row.request) as unknown }));
  }

  clear(): void {
    this.db.prepare('DELETE FROM job_runs').run();
  }
}
