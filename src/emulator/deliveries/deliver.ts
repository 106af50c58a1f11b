// Sends deliveries over real HTTP with undici and records each in the delivery log. Two agents: one
// that verifies certificates and one for hooks with enable_ssl_verification=false.

import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { Agent, request } from 'undici';
import { literalAddress, refusal, type TargetPolicy } from './target-policy.js';
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

export interface DeliveryPolicy extends TargetPolicy {
  /** The emulator's own base URL: job hooks without a workspace_url run their job here. */
  readonly ownOrigin: () => string;
}

const OPEN: DeliveryPolicy = { allowLoopback: true, allowPrivate: true, ownOrigin: () => '' };

export class Deliverer {
  private readonly verifying: Agent;
  private readonly insecure: Agent;
  private readonly inFlight = new Set<AbortController>();

  constructor(
    private readonly log: RingLog<DeliveryLogEntry>,
    private readonly timeoutMs = DEFAULT_DELIVERY_TIMEOUT_MS,
    private readonly policy: DeliveryPolicy = OPEN,
  ) {
    // The check runs on the address the connection will use, so a name resolving to 127.0.0.1 (or
    // re-resolving to it later: DNS rebinding) is refused like the literal.
    const lookup = checkedLookup(policy);
    this.verifying = new Agent({ connect: { lookup } });
    this.insecure = new Agent({ connect: { rejectUnauthorized: false, lookup } });
  }

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
    // A literal address never reaches lookup(): judge it here.
    const url = new URL(target.url);
    const literal = literalAddress(url.hostname);
    const own = this.policy.ownOrigin() !== '' && url.origin === new URL(this.policy.ownOrigin()).origin;
    const refused = literal === null || own ? null : refusal(literal, this.policy);
    if (refused !== null) throw new Error(`refused: ${refused}`);
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

function checkedLookup(policy: TargetPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      const allowed = addresses.filter((a) => refusal(a.address, policy) === null);
      if (allowed.length === 0) {
        const why = refusal(addresses[0]?.address ?? '', policy) ?? 'no address';
        return callback(Object.assign(new Error(`refused: ${hostname} resolves to ${why}`), { code: 'EREFUSED_TARGET' }), '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
      callback(null, allowed[0].address, allowed[0].family);
    });
  };
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  const code = (error as { code?: string }).code;
  return `${code ? `${code} ` : ''}${error.message}${cause}`;
}
