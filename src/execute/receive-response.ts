import type { Dispatcher } from 'undici';
import type { UndiciPort } from './undici-port.js';

/** A response read whole; `text` is null when the body passed the cap (the connection is then closed). */
export interface ReceivedResponse {
  readonly status: number;
  readonly headers: Record<string, string | undefined>;
  readonly text: string | null;
}

export interface Receiving {
  readonly response: Promise<ReceivedResponse>;
  /**
   * Gives up on the request: `response` rejects with `reason` at once, and the request is aborted
   * (the connection closed) as soon as undici has it. No-op once the response is complete.
   */
  stop(reason: Error): void;
}

/**
 * One request through undici's `dispatch()`, its body collected into one string: what
 * `request()` + reading its body stream gave (the same status, headers, text and errors — the
 * error objects undici reports), without a Readable stream, an AbortSignal and their listeners
 * per response, which cost more CPU than a small create's own work (bench B4).
 * A server streaming `{"items":[…` forever must not grow the client's memory: past `maxBytes`
 * (or a declared Content-Length past it) the request is aborted and `text` is null.
 */
export function receiveResponse(http: UndiciPort, dispatcher: Dispatcher, options: Dispatcher.DispatchOptions, maxBytes: number): Receiving {
  const handler = new CollectingHandler(http, maxBytes);
  const response = new Promise<ReceivedResponse>((resolve, reject) => handler.settleWith(resolve, reject));
  // dispatch() reports its own failures (a closed agent, bad options) through onError.
  dispatcher.dispatch(options, handler);
  return { response, stop: (reason) => handler.stop(reason) };
}

/** undici's handler interface (onConnect … onComplete / onError), as its request() API implements it. */
class CollectingHandler implements Dispatcher.DispatchHandler {
  private resolve: (r: ReceivedResponse) => void = () => {};
  private reject: (e: unknown) => void = () => {};
  private settled = false;
  private abort: ((reason?: Error) => void) | null = null;
  /** Set when stopped before undici connected the request: it is aborted on connect. */
  private abortReason: { readonly reason: Error } | null = null;
  private status = 0;
  private headers: Record<string, string | undefined> = {};
  private readonly chunks: Buffer[] = [];
  private size = 0;

  constructor(
    private readonly http: UndiciPort,
    private readonly maxBytes: number,
  ) {}

  settleWith(resolve: (r: ReceivedResponse) => void, reject: (e: unknown) => void): void {
    this.resolve = resolve;
    this.reject = reject;
  }

  onConnect(abort: (reason?: Error) => void): void {
    if (this.abortReason !== null) return abort(this.abortReason.reason);
    this.abort = abort;
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[] | string[] | null): boolean {
    // 1xx informational answers precede the real one.
    if (statusCode < 200) return true;
    this.status = statusCode;
    this.headers = flatten(this.http.parseHeaders((rawHeaders ?? []) as Buffer[]));
    // A declared length over the cap fails before a byte is buffered.
    const declared = this.headers['content-length'];
    if (declared !== undefined && Number(declared) > this.maxBytes) this.cut();
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.settled) return true;
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      this.cut();
      return true;
    }
    this.chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    if (this.settled) return;
    this.settled = true;
    const text = this.chunks.length === 1 ? this.chunks[0].toString('utf8') : Buffer.concat(this.chunks, this.size).toString('utf8');
    this.resolve({ status: this.status, headers: this.headers, text });
  }

  onError(err: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.reject(err);
  }

  stop(reason: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.reject(reason);
    if (this.abort !== null) this.abort(reason);
    else this.abortReason = { reason };
  }

  /** Past the cap: the answer is "too large", and the rest is never read (closing the connection). */
  private cut(): void {
    if (this.settled) return;
    this.settled = true;
    this.chunks.length = 0;
    this.resolve({ status: this.status, headers: this.headers, text: null });
    this.abort?.();
  }
}

/** Header names in lower case, repeated headers joined with ", " (as a fetch Headers object does). */
function flatten(headers: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}
