// In-memory, bounded logs of what the emulator saw (requests) and did (deliveries), for tests and for
// developers watching their client. Diagnostics, not workspace state: not persisted, capped in size.

export interface RequestLogEntry {
  readonly seq: number;
  readonly timestamp: number;
  readonly method: string;
  readonly path: string;
  /** The raw query string without '?', '' when there is none. */
  readonly query: string;
  /** The status sent, or null when the connection was dropped before any answer. */
  readonly status: number | null;
  /** The body with secrets replaced by "***" (see wire/redact.ts). */
  readonly body: unknown;
  /** The injected fault, when there was one. */
  readonly fault?: string;
}

export interface DeliveryLogEntry {
  readonly seq: number;
  readonly timestamp: number;
  readonly webhook_id: string;
  readonly event: string;
  readonly kind: 'http' | 'job';
  readonly url: string;
  /** Request headers sent, Authorization redacted. */
  readonly headers: Readonly<Record<string, string>>;
  readonly payload: unknown;
  readonly status_code?: number;
  readonly response_body?: string;
  readonly error?: string;
  readonly duration_ms: number;
}

const DEFAULT_CAPACITY = 10_000;

export class RingLog<T extends { seq: number }> {
  private entries: T[] = [];
  private nextSeq = 1;

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  push(entry: Omit<T, 'seq'>): T {
    const full = { seq: this.nextSeq++, ...entry } as T;
    this.entries.push(full);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    return full;
  }

  /** Entries with seq > since, oldest first. */
  list(since = 0): readonly T[] {
    return since <= 0 ? [...this.entries] : this.entries.filter((entry) => entry.seq > since);
  }

  clear(): void {
    this.entries = [];
  }
}

export class ActivityLog {
  readonly requests = new RingLog<RequestLogEntry>();
  readonly deliveries = new RingLog<DeliveryLogEntry>();

  clear(): void {
    this.requests.clear();
    this.deliveries.clear();
  }
}
