// The webhooks table: create, read, change, delete and keyset pages. Every call is one synchronous
// SQLite transaction, so a request handler sees and leaves a consistent state.

import { createHash, randomBytes } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../store.js';
import type { NewWebhook, StoredWebhook, WebhookChanges, WebhookEvent, WebhookStatus } from './webhook-types.js';
import { toPublicWebhook } from './webhook-view.js';

export const WEBHOOKS_SCHEMA = `
CREATE TABLE IF NOT EXISTS webhooks (
  -- seq is the pagination keyset: AUTOINCREMENT never reuses a value, even after deletes or a reset,
  -- so a page token pointing past seq N stays meaningful while others create and delete.
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  model_name TEXT,
  description TEXT,
  events TEXT NOT NULL,
  status TEXT NOT NULL,
  http_url_spec TEXT,
  job_spec TEXT,
  creation_timestamp INTEGER NOT NULL,
  last_updated_timestamp INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS webhooks_by_model ON webhooks (model_name, seq);
`;

/** Listed webhooks whose JSON is kept at most (~300 bytes each); past it the cache starts over. */
const PUBLIC_JSON_KEPT = 100_000;

export interface ListFilter {
  readonly modelName?: string;
  /** Match webhooks that have ANY of these events (the documented OR semantics). */
  readonly events?: readonly string[];
}

export interface Page {
  readonly rows: readonly StoredWebhook[];
  /** True when more matching rows exist after the last one returned. */
  readonly more: boolean;
}

/** A page as the list endpoint returns it: each webhook's public JSON text, in seq order. */
export interface PublicPage {
  readonly json: readonly string[];
  /** The seq of the last webhook on the page (the next page token points past it); 0 when empty. */
  readonly lastSeq: number;
  readonly more: boolean;
}

interface Row {
  seq: number;
  id: string;
  model_name: string | null;
  description: string | null;
  events: string;
  status: string;
  http_url_spec: string | null;
  job_spec: string | null;
  creation_timestamp: number;
  last_updated_timestamp: number;
}

export class WebhookStore {
  private readonly insertRow: Statement;
  private readonly selectById: Statement;
  private readonly selectBySeq: Statement;
  private readonly dataVersion: Statement;
  /** Page queries by their WHERE clause (four shapes: with or without each filter). */
  private readonly pageQueries = new Map<string, { rows: Statement; seqs: Statement }>();
  /**
   * Each listed webhook's public JSON by seq, as last read. Reading and converting the row was most
   * of a list request's cost (~1 ms for a page of 100; bench B7's 50 workspaces share one process),
   * and a listing is read far more often than written. Only an update changes the text of a seq, so
   * it drops that one; a create adds a new seq and a delete's seq is never listed again (seqs are
   * never reused); a write by another connection to the same file drops all (`PRAGMA data_version`
   * moves), and so does a reset, to free them.
   */
  private readonly publicJson = new Map<number, string>();
  private publicJsonVersion = -1;
  /**
   * The same page as `page()`, as the API shows it (toPublicWebhook), each webhook as JSON text. One
   * read transaction: the seqs, the data_version check and the rows read for missing texts all see
   * one snapshot, even while another process writes the file (WAL).
   */
  readonly publicPage: (filter: ListFilter, afterSeq: number, limit: number) => PublicPage;

  /** `idSeed`: ids derive from it and the webhook's content, so the same creates on a fresh state
   * give the same ids whatever order concurrent requests arrive in (the checked transcripts in the
   * docs need that); without it ids are random. */
  constructor(
    private readonly db: Db,
    private readonly idSeed?: string,
  ) {
    this.insertRow = db.prepare(
      `INSERT INTO webhooks (id, model_name, description, events, status, http_url_spec, job_spec,
         creation_timestamp, last_updated_timestamp)
       VALUES (@id, @model_name, @description, @events, @status, @http_url_spec, @job_spec, @now, @now)`,
    );
    this.selectById = db.prepare('SELECT * FROM webhooks WHERE id = ?');
    this.selectBySeq = db.prepare('SELECT * FROM webhooks WHERE seq = ?');
    this.dataVersion = db.prepare('PRAGMA data_version').pluck();
    this.publicPage = db.transaction((filter: ListFilter, afterSeq: number, limit: number) => this.publicPageInSnapshot(filter, afterSeq, limit));
  }

  insert(webhook: NewWebhook): StoredWebhook {
    const id = this.newId(webhook);
    this.insertRow.run({ id, now: Date.now(), ...toColumns(webhook) });
    return this.get(id) as StoredWebhook;
  }

  /** One transaction for the lot: the seed endpoint creates thousands quickly. */
  insertMany(webhooks: readonly NewWebhook[]): number {
    const insertAll = this.db.transaction((items: readonly NewWebhook[]) => {
      const now = Date.now();
      for (const item of items) this.insertRow.run({ id: this.newId(item), now, ...toColumns(item) });
    });
    insertAll(webhooks);
    return webhooks.length;
  }

  get(id: string): StoredWebhook | undefined {
    const row = this.selectById.get(id) as Row | undefined;
    return row && fromRow(row);
  }

  update(id: string, changes: WebhookChanges): StoredWebhook | undefined {
    const current = this.get(id);
    if (!current) return undefined;
    // A spec in the update replaces the stored spec, secret included, and drops the other kind.
    const specs = changes.http_url_spec
      ? { http_url_spec: changes.http_url_spec, job_spec: undefined }
      : changes.job_spec
        ? { http_url_spec: undefined, job_spec: changes.job_spec }
        : {};
    const next: NewWebhook = { ...current, ...definedOnly(changes), ...specs };
    // Never let last_updated go backwards or equal creation by accident of a coarse clock.
    const now = Math.max(Date.now(), current.last_updated_timestamp);
    this.publicJson.delete(current.seq);
    this.db
      .prepare(
        `UPDATE webhooks SET description = @description, events = @events, status = @status,
           http_url_spec = @http_url_spec, job_spec = @job_spec, last_updated_timestamp = @now
         WHERE id = @id`,
      )
      .run({ ...toColumns(next), id, now });
    return this.get(id);
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM webhooks WHERE id = ?').run(id).changes > 0;
  }

  /** Rows after `afterSeq` in creation order; filters are applied here, on every page. */
  page(filter: ListFilter, afterSeq: number, limit: number): Page {
    const { query, params } = this.pageQuery(filter, afterSeq, limit);
    const rows = (query.rows.all(params) as Row[]).map(fromRow);
    return { rows: rows.slice(0, limit), more: rows.length > limit };
  }

  private publicPageInSnapshot(filter: ListFilter, afterSeq: number, limit: number): PublicPage {
    const { query, params } = this.pageQuery(filter, afterSeq, limit);
    const seqs = query.seqs.all(params) as number[];
    const version = this.dataVersion.get() as number;
    if (version !== this.publicJsonVersion || this.publicJson.size > PUBLIC_JSON_KEPT) {
      this.publicJson.clear();
      this.publicJsonVersion = version;
    }
    const shown = seqs.length > limit ? seqs.slice(0, limit) : seqs;
    const json = shown.map((seq) => {
      let text = this.publicJson.get(seq);
      if (text === undefined) {
        const row = this.selectBySeq.get(seq) as Row;
        this.publicJson.set(seq, (text = JSON.stringify(toPublicWebhook(fromRow(row)))));
      }
      return text;
    });
    return { json, lastSeq: shown.length > 0 ? shown[shown.length - 1] : 0, more: seqs.length > limit };
  }

  private pageQuery(filter: ListFilter, afterSeq: number, limit: number): { query: { rows: Statement; seqs: Statement }; params: Record<string, unknown> } {
    const where = ['seq > @afterSeq'];
    const params: Record<string, unknown> = { afterSeq, limit: limit + 1 };
    if (filter.modelName !== undefined) {
      where.push('model_name = @modelName');
      params.modelName = filter.modelName;
    }
    if (filter.events && filter.events.length > 0) {
      where.push('EXISTS (SELECT 1 FROM json_each(webhooks.events) AS e WHERE e.value IN (SELECT value FROM json_each(@events)))');
      params.events = JSON.stringify(filter.events);
    }
    const clause = where.join(' AND ');
    let query = this.pageQueries.get(clause);
    if (query === undefined) {
      const tail = `FROM webhooks WHERE ${clause} ORDER BY seq LIMIT @limit`;
      query = { rows: this.db.prepare(`SELECT * ${tail}`), seqs: this.db.prepare(`SELECT seq ${tail}`).pluck() };
      this.pageQueries.set(clause, query);
    }
    return { query, params };
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM webhooks').get() as { n: number }).n;
  }

  clear(): void {
    this.publicJson.clear();
    this.db.prepare('DELETE FROM webhooks').run();
  }

  /** 32 lower-case hex characters, like the webhook_id values in the documented payloads. */
  private newId(webhook: NewWebhook): string {
    if (this.idSeed === undefined) return randomHex16();
    const content = JSON.stringify(toColumns(webhook));
    // Identical webhooks are told apart by how many came before: the first free id in a fixed series.
    for (let n = 0; ; n++) {
      const id = createHash('sha256').update(`${this.idSeed}:${content}:${n}`).digest('hex').slice(0, 32);
      if (this.selectById.get(id) === undefined) return id;
    }
  }
}

/** 16 random bytes as hex, drawn from a pool: one randomBytes call per 256 ids, not per id (bench B4). */
let pool = Buffer.alloc(0);
let poolAt = 0;
function randomHex16(): string {
  if (poolAt + 16 > pool.length) {
    pool = randomBytes(16 * 256);
    poolAt = 0;
  }
  poolAt += 16;
  return pool.toString('hex', poolAt - 16, poolAt);
}

function definedOnly(changes: WebhookChanges): Partial<WebhookChanges> {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
}

function toColumns(webhook: NewWebhook): Record<string, string | null> {
  return {
    model_name: webhook.model_name ?? null,
    description: webhook.description ?? null,
    events: JSON.stringify(webhook.events),
    status: webhook.status,
    http_url_spec: webhook.http_url_spec ? JSON.stringify(webhook.http_url_spec) : null,
    job_spec: webhook.job_spec ? JSON.stringify(webhook.job_spec) : null,
  };
}

function fromRow(row: Row): StoredWebhook {
  return {
    seq: row.seq,
    id: row.id,
    model_name: row.model_name ?? undefined,
    description: row.description ?? undefined,
    events: JSON.parse(row.events) as WebhookEvent[],
    status: row.status as WebhookStatus,
    http_url_spec: row.http_url_spec === null ? undefined : JSON.parse(row.http_url_spec),
    job_spec: row.job_spec === null ? undefined : JSON.parse(row.job_spec),
    creation_timestamp: row.creation_timestamp,
    last_updated_timestamp: row.last_updated_timestamp,
  };
}
