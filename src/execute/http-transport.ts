import type { Dispatcher } from 'undici';
import type { ExecutorStats } from './types.js';
import type { Operation } from './operation.js';
import { parseRetryAfter } from './backoff.js';
import { createLimiter, type Limiter } from './limiter.js';
import { failureLine, requestLine, responseLine, type ExchangeLabel } from './debug-line.js';
import { formatBytes } from './limits.js';
import { networkFailure, type NetworkFailure } from './network-failure.js';
import { apiError } from './parse-response.js';
import { receiveResponse, type ReceivedResponse } from './receive-response.js';
import { undici } from './undici-port.js';

export interface HttpExchange {
  readonly origin: string;
  readonly method: string;
  /** For messages: the path without the query string. */
  readonly path: string;
  readonly pathWithQuery: string;
  readonly workspace: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | null;
  readonly contentType?: string;
  readonly attempt: number;
  /**
   * After a 429, hold this host's other requests as long as this one will wait before retrying
   * (its Retry-After, else `fallbackMs`, capped at `maxMs`): throttling one workspace slows only it.
   */
  readonly throttle?: { readonly fallbackMs: number; readonly maxMs: number };
}

export interface HttpResponse {
  readonly kind: 'response';
  readonly status: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly text: string;
}

export interface HttpTransport {
  /** A response of any status, or a network failure; throws only when the operation must stop. */
  send(x: HttpExchange, op: Operation): Promise<HttpResponse | NetworkFailure>;
  close(): Promise<void>;
}

export interface TransportOptions {
  readonly dispatcher?: Dispatcher;
  readonly requestTimeoutMs: number;
  /** Requests in flight at once, over all hosts. */
  readonly concurrency: number;
  /** Requests in flight at once to one host (default DEFAULT_PER_HOST_CONCURRENCY). */
  readonly perHostConcurrency?: number;
  readonly userAgent: string;
  /** Bodies longer than this fail the request (RESPONSE_TOO_LARGE) instead of filling memory. */
  readonly maxResponseBytes: number;
  readonly stats: ExecutorStats;
  readonly debug?: (line: string) => void;
}

export function createHttpTransport(o: TransportOptions): HttpTransport {
  // One Agent keeps a keep-alive Pool per origin; an injected dispatcher belongs to the caller.
  const http = undici();
  const owned = o.dispatcher ? null : new http.Agent({ keepAliveTimeout: 10_000 });
  const dispatcher: Dispatcher = o.dispatcher ?? (owned as Dispatcher);
  const limiter = createLimiter(o.concurrency);
  const hosts = new Map<string, HostState>();
  const hostState = (origin: string): HostState => {
    let state = hosts.get(origin);
    if (!state) hosts.set(origin, (state = { limiter: createLimiter(Math.max(1, o.perHostConcurrency ?? DEFAULT_PER_HOST_CONCURRENCY)), pausedUntil: 0 }));
    return state;
  };
  const log = o.debug ?? (() => {});
  /** Exchanges sent and not yet answered (or failed). */
  let inFlight = 0;

  /**
   * A host's own slot first, then one of all hosts': a throttled host's waiting requests never hold
   * a slot another host could use. While a host is paused (after a 429, see pause()) its queued
   * requests wait instead of running into the same 429; other hosts go on at full speed.
   */
  async function send(x: HttpExchange, op: Operation): Promise<HttpResponse | NetworkFailure> {
    const host = hostState(x.origin);
    return host.limiter.run(async () => {
      const wait = host.pausedUntil - Date.now();
      if (wait > 0) await op.sleep(wait);
      const res = await limiter.run(() => exchange(x, op));
      // Set before this host's slot is released, so the next queued request already sees it.
      if (res.kind === 'response' && res.status === 429 && x.throttle) {
        const wait = Math.min(parseRetryAfter(res.headers['retry-after']) ?? x.throttle.fallbackMs, x.throttle.maxMs);
        host.pausedUntil = Math.max(host.pausedUntil, Date.now() + wait);
      }
      return res;
    });
  }

  async function exchange(x: HttpExchange, op: Operation): Promise<HttpResponse | NetworkFailure> {
    op.throwIfStopped();
    const label: ExchangeLabel = {
      method: x.method,
      origin: x.origin,
      pathWithQuery: x.pathWithQuery,
      attempt: x.attempt,
      authorized: 'authorization' in x.headers,
    };
    o.stats.requests++;
    log(requestLine(label));
    const started = performance.now();
    const budgetMs = op.remainingMs();
    let timedOut = false;
    let received: ReceivedResponse;
    let timer: NodeJS.Timeout | null = null;
    let unfollow = (): void => {};
    try {
      // Parsed as undici's top-level request() would: origin and path of the normalised URL.
      const url = parsedUrl(x.origin + x.pathWithQuery);
      const receiving = receiveResponse(http, dispatcher, {
        origin: url.origin,
        path: url.path,
        method: x.method as Dispatcher.HttpMethod,
        headers: headersFor(x, o.userAgent),
        body: x.body ?? undefined,
      }, o.maxResponseBytes);
      // The request stops when the operation does, or after its own timeout (then `timedOut`).
      timer = setTimeout(() => {
        timedOut = true;
        receiving.stop(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
      }, Math.max(1, Math.min(o.requestTimeoutMs, budgetMs)));
      timer.unref();
      unfollow = op.onStop(() => receiving.stop(new DOMException('This operation was aborted', 'AbortError')));
      inFlight++;
      try {
        received = await receiving.response;
      } finally {
        inFlight--;
      }
    } catch (err) {
      clearTimeout(timer ?? undefined);
      unfollow();
      op.throwIfStopped();
      // The statement deadline, not the server, cut this request short (timers race by a few ms).
      if (timedOut && budgetMs < o.requestTimeoutMs) throw op.deadlineError();
      const failure = networkFailure(err, x, timedOut ? o.requestTimeoutMs : null);
      log(failureLine(label, failure.reason, performance.now() - started));
      return failure;
    }
    clearTimeout(timer);
    unfollow();
    log(responseLine(label, received.status, performance.now() - started));
    if (received.text === null) throw tooLarge(x, received.status, o.maxResponseBytes);
    return { kind: 'response', status: received.status, headers: received.headers, text: received.text };
  }

  return {
    send,
    close: async () => {
      if (owned === null) return;
      // Nothing in flight (how every statement ends): the idle keep-alive sockets are dropped at
      // once. A graceful close waits for every socket's close handshake — ~25 ms after the answer
      // of a statement that talked to 50 workspaces was printed (bench B7). A request still out
      // (Ctrl-C, a prefetched page nobody read) is waited for, as before.
      if (inFlight === 0) void owned.destroy().catch(() => undefined);
      else await owned.close();
    },
  };
}

interface HostState {
  readonly limiter: Limiter;
  /** Epoch ms before which no new request goes to this host (after a 429). */
  pausedUntil: number;
}

/** Documented in docs/workspaces-and-auth.md: at most 4 requests at once to one workspace. */
export const DEFAULT_PER_HOST_CONCURRENCY = 4;

/**
 * Not retried: a server that sent too much once will again. For a write this means the request was
 * applied but its answer is unknown, which the message says.
 */
function tooLarge(x: HttpExchange, status: number, limit: number) {
  const applied = x.method === 'GET' ? '' : '; the request itself may have been applied';
  return apiError(
    status,
    'RESPONSE_TOO_LARGE',
    `the response body is larger than the limit of ${formatBytes(limit)}; stopped reading it${applied}`,
    { method: x.method, path: x.path, workspace: x.workspace },
    undefined,
    'a server sent far more than any real page; raise HOOKQL_MAX_RESPONSE_MB if this workspace really needs it',
  );
}

function headersFor(x: HttpExchange, userAgent: string): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': userAgent, ...x.headers };
  if (x.body !== null) headers['content-type'] = x.contentType ?? 'application/json';
  return headers;
}

/**
 * `origin` and path+query of a URL as `new URL()` normalises them, remembered by the URL's text:
 * every create of a run goes to the same URL, and parsing it each time showed in the profile (B4).
 */
function parsedUrl(text: string): { readonly origin: string; readonly path: string } {
  let parsed = parsedUrls.get(text);
  if (parsed === undefined) {
    const url = new URL(text);
    parsed = { origin: url.origin, path: url.pathname + url.search };
    // Bounded: listings page through ever-new page tokens.
    if (parsedUrls.size >= PARSED_URLS_MAX) parsedUrls.clear();
    parsedUrls.set(text, parsed);
  }
  return parsed;
}

const PARSED_URLS_MAX = 256;
const parsedUrls = new Map<string, { readonly origin: string; readonly path: string }>();
