// Sends deliveries over real HTTP with undici and records each in the delivery log. Two agents: one
// that verifies certificates and one for hooks with enable_ssl_verification=false.

import { Agent, request } from 'undici';
import type { DeliveryLogEntry, RingLog } from '../activity-log.js';
import type { DeliveryRequest } from './delivery-request.js';
import { redactHeaders } from '../wire/redact.js';

export const DEFAULT_DELIVERY_TIMEOUT_MS = 10_000;
/** The receiver's body is returned by `test`; cap what we keep of it. */
const MAX_RESPONSE_BYTES = 64 * 1024;

export interface DeliveryOutcome {
  readonly status_code: number;
  readonly body: string;
}

/** The receiver could not be reached or did not answer in time. */
export class DeliveryFailed extends Error {
  constructor(
    message: string,
    readonly timedOut: boolean,
  ) {
    super(message);
  }
}

/** Raised through the abort signal when a delivery passes its deadline. */
class DeliveryTimeout extends Error {}

export class Deliverer {
  private readonly verifying = new Agent();
  private readonly insecure = new Agent({ connect: { rejectUnauthorized: false } });
  private readonly inFlight = new Set<AbortController>();

  constructor(
    private readonly log: RingLog<DeliveryLogEntry>,
    private readonly timeoutMs = DEFAULT_DELIVERY_TIMEOUT_MS,
  ) {}

  async deliver(target: DeliveryRequest, webhookId: string, event: string): Promise<DeliveryOutcome> {
    const started = Date.now();
    const entry = { timestamp: started, webhook_id: webhookId, event, kind: target.kind, url: target.url,
      headers: redactHeaders(target.headers), payload: target.payload };
    try {
      const outcome = await this.post(target);
      this.log.push({ ...entry, status_code: outcome.status_code, response_body: outcome.body, duration_ms: Date.now() - started });
      return outcome;
    } catch (error) {
      const reason = describe(error);
      this.log.push({ ...entry, error: reason, duration_ms: Date.now() - started });
      throw new DeliveryFailed(reason, error instanceof DeliveryTimeout || (error as Error)?.cause instanceof DeliveryTimeout);
    }
  }

  /** Aborts deliveries in flight and closes the pools. */
  async close(): Promise<void> {
    for (const controller of this.inFlight) controller.abort();
    await Promise.all([this.verifying.close(), this.insecure.close()]);
  }

  private async post(target: DeliveryRequest): Promise<DeliveryOutcome> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DeliveryTimeout(`timed out after ${this.timeoutMs} ms`)), this.timeoutMs);
    this.inFlight.add(controller);
    try {
      const response = await request(target.url, {
        method: 'POST',
        headers: target.headers,
        body: target.body,
        dispatcher: target.verifyTls ? this.verifying : this.insecure,
        signal: controller.signal,
        // undici 7's request() does not follow redirects: a 3xx is returned like the real test call.
      });
      return { status_code: response.statusCode, body: await readCapped(response.body) };
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(controller);
    }
  }
}

async function readCapped(body: AsyncIterable<Buffer> & { destroy(): unknown }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= MAX_RESPONSE_BYTES) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES).toString('utf8');
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  const code = (error as { code?: string }).code;
  return `${code ? `${code} ` : ''}${error.message}${cause}`;
}
