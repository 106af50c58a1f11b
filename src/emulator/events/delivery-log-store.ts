// The delivery log: one row per attempt of every real event delivery (not test calls, which answer
// their caller directly). Persisted with the workspace so `webhook_deliveries` can be queried after
// the fact; only a short excerpt of the receiver's answer is kept, and never a request header.

import type { Db } from '../store.js';

export const DELIVERY_LOG_SCHEMA = `
CREATE TABLE IF NOT EXISTS webhook_deliveries (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  delivery_id TEXT NOT NULL,
  webhook_id TEXT NOT NULL,
  event TEXT NOT NULL,
  model_name TEXT NOT NULL,
  version TEXT,
  kind TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  status_code INTEGER,
  error TEXT,
  latency_ms INTEGER NOT NULL,
  response_excerpt TEXT,
  timestamp INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS deliveries_by_hook ON webhook_deliveries (webhook_id, seq);
`;

export const EXCERPT_CHARS = 200;

export interface DeliveryAttempt {
  readonly delivery_id: string;
  readonly webhook_id: string;
  readonly event: string;
  readonly model_name: string;
  readonly version?: string;
  readonly kind: 'http' | 'job';
  readonly attempt: number;
  readonly status_code?: number;
  readonly error?: string;
  readonly latency_ms: number;
  readonly response_excerpt?: string;
  readonly timestamp: number;
}

export interface StoredAttempt extends DeliveryAttempt {
  readonly seq: number;
}

export interface DeliveryFilter {
  readonly webhookId?: string;
  readonly modelName?: string;
  readonly event?: string;
}

export class DeliveryLogStore {
  constructor(private readonly db: Db) {}

  record(attempt: DeliveryAttempt): void {
    this.db
      .prepare(
        `INSERT INTO webhook_deliveries (delivery_id, webhook_id, event, model_name, version, kind, attempt, status_code,
           error, latency_ms, response_excerpt, timestamp)
         VALUES (@delivery_id, @webhook_id, @event, @model_name, @version, @kind, @attempt, @status_code, @error,
           @latency_ms, @response_excerpt, @timestamp)`,
      )
      .run({
        version: null, status_code: null, error: null, response_excerpt: null, ...attempt,
      });
  }

  /** Attempts after `afterSeq` in the order they were made (a keyset: the log only grows). */
  page(filter: DeliveryFilter, afterSeq: number, limit: number): { rows: StoredAttempt[]; more: boolean } {
    const where = ['seq > @afterSeq'];
    if (filter.webhookId !== undefined) where.push('webhook_id = @webhookId');
    if (filter.modelName !== undefined) where.push('model_name = @modelName');
    if (filter.event !== undefined) where.push('event = @event');
    const rows = this.db
      .prepare(`SELECT * FROM webhook_deliveries WHERE ${where.join(' AND ')} ORDER BY seq LIMIT @limit`)
      .all({ afterSeq, limit: limit + 1, webhookId: filter.webhookId ?? null, modelName: filter.modelName ?? null, event: filter.event ?? null }) as Array<Record<string, unknown>>;
    const attempts = rows.map((row) => Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null)) as unknown as StoredAttempt);
    return { rows: attempts.slice(0, limit), more: attempts.length > limit };
  }

  clear(): void {
    this.db.exec('DELETE FROM webhook_deliveries');
  }
}
