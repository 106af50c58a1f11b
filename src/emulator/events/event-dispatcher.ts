// Fires registry events at the hooks that watch them, the way a production sender does: after the
// action's answer has gone out (asynchronously), to every ACTIVE hook on the model or registry-wide
// (TEST_MODE and DISABLED hooks never fire on real events), each delivery retried with exponential
// backoff when the receiver is unreachable or answers anything but 2xx. Every attempt is logged.

import { randomBytes } from 'node:crypto';
import type { Deliverer } from '../deliveries/deliver.js';
import { deliveryRequestFor, type LocalJobs } from '../deliveries/delivery-request.js';
import type { EventPayload } from '../deliveries/event-payload.js';
import type { StoredWebhook, WebhookEvent } from '../webhooks/webhook-types.js';
import type { WebhookStore } from '../webhooks/webhook-store.js';
import { EXCERPT_CHARS, type DeliveryLogStore } from './delivery-log-store.js';
import { eventPayload, type RegistryEvent } from './registry-event.js';

export interface RetryPolicy {
  /** Total attempts, the first included. */
  readonly attempts: number;
  /** Delay before the second attempt; doubled for each later one. */
  readonly baseDelayMs: number;
}

/** The real service's retry policy is UNVERIFIED; 4 attempts over ~7 s is a common sender's choice. */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 1000 };

interface Delivery {
  readonly id: string;
  readonly webhook: StoredWebhook;
  readonly event: WebhookEvent;
  readonly payload: EventPayload;
  readonly source: RegistryEvent;
}

const PAGE = 1000;

export class EventDispatcher {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly webhooks: WebhookStore,
    private readonly deliverer: Deliverer,
    private readonly log: DeliveryLogStore,
    private readonly emulatorUrl: () => string,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
    /** This workspace's jobs, so a job hook's run-now body takes its job's task form (jobs/). */
    private readonly localJobs: LocalJobs = () => undefined,
  ) {}

  /** Schedules the deliveries of one event and returns how many there will be. */
  emit(event: RegistryEvent): number {
    if (this.closed) return 0;
    const now = Date.now();
    const deliveries = this.matchingHooks(event).flatMap((webhook) =>
      event.events
        .filter((name) => webhook.events.includes(name))
        .map((name): Delivery => ({ id: randomBytes(8).toString('hex'), webhook, event: name, payload: eventPayload(event, name, webhook.id, now), source: event })),
    );
    // After the current request has been answered: the caller never waits for a receiver.
    for (const delivery of deliveries) this.track(afterThisTurn().then(() => this.attempt(delivery, 1)));
    return deliveries.length;
  }

  /**
   * Stops scheduling retries and waits (up to `timeoutMs`) for the attempts under way, so a short-lived
   * process (one `hookql exec` on `local`) still delivers what its statement triggered.
   */
  async drain(timeoutMs: number): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([Promise.allSettled([...this.inFlight]), deadline]);
    clearTimeout(timer);
  }

  /** ACTIVE hooks on this model or registry-wide that have any of the event's names. */
  private matchingHooks(event: RegistryEvent): StoredWebhook[] {
    const found: StoredWebhook[] = [];
    for (let after = 0; ; ) {
      const page = this.webhooks.page({ events: event.events }, after, PAGE);
      for (const hook of page.rows) {
        const scoped = hook.model_name === undefined || hook.model_name === event.model_name;
        if (scoped && hook.status === 'ACTIVE') found.push(hook);
      }
      if (!page.more) return found;
      after = page.rows[page.rows.length - 1].seq;
    }
  }

  /** A retry waits on a timer, which drain() cancels: retries do not outlive the emulator. */
  private later(delayMs: number, run: () => Promise<void>): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.track(run());
    }, delayMs);
    this.timers.add(timer);
  }

  /** First attempts are tracked from the start, so drain() waits for them instead of dropping them. */
  private track(running: Promise<void>): void {
    const tracked = running.catch(() => undefined).finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  private async attempt(delivery: Delivery, attempt: number): Promise<void> {
    const target = deliveryRequestFor(delivery.webhook, delivery.payload, this.emulatorUrl(), this.localJobs);
    const started = Date.now();
    let statusCode: number | undefined;
    let excerpt: string | undefined;
    let error: string | undefined;
    try {
      const outcome = await this.deliverer.deliver(target, delivery.webhook.id, delivery.event);
      statusCode = outcome.status_code;
      excerpt = outcome.body.slice(0, EXCERPT_CHARS);
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
    }
    this.log.record({
      delivery_id: delivery.id,
      webhook_id: delivery.webhook.id,
      event: delivery.event,
      model_name: delivery.source.model_name,
      version: delivery.source.version,
      kind: target.kind,
      attempt,
      status_code: statusCode,
      error,
      latency_ms: Date.now() - started,
      response_excerpt: excerpt,
      timestamp: started,
    });
    const delivered = statusCode !== undefined && statusCode >= 200 && statusCode < 300;
    if (!delivered && attempt < this.retry.attempts && !this.closed) {
      this.later(this.retry.baseDelayMs * 2 ** (attempt - 1), () => this.attempt(delivery, attempt + 1));
    }
  }
}

function afterThisTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
