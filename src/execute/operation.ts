import { CancelledError, DeadlineError, type HookqlError } from '../errors.js';

/**
 * One `call()` or `pages()` iteration: the user's abort signal plus the statement deadline. Every
 * request and backoff sleep of the operation listens to `signal`, so either stops all of it at once.
 */
export class Operation {
  readonly signal: AbortSignal;
  /** Aborted by the deadline or the user's signal: one controller, not AbortSignal.any, whose
   * per-call weak references cost more CPU than a create's own work (bench B4). */
  private readonly stopped = new AbortController();
  private deadlinePassed = false;
  private readonly deadlineAt: number;
  private readonly timer: NodeJS.Timeout;
  private readonly unfollow: () => void;

  constructor(
    readonly deadlineMs: number,
    private readonly userSignal: AbortSignal | undefined,
  ) {
    this.deadlineAt = Date.now() + deadlineMs;
    this.timer = setTimeout(() => {
      this.deadlinePassed = true;
      this.stopped.abort();
    }, deadlineMs);
    this.timer.unref();
    this.signal = this.stopped.signal;
    this.unfollow = userSignal ? followAbort(userSignal, this.stopped) : () => {};
  }

  remainingMs(): number {
    return Math.max(0, this.deadlineAt - Date.now());
  }

  /** CancelledError / DeadlineError if the operation must stop, else null. */
  stopError(lastError?: HookqlError): HookqlError | null {
    if (this.userSignal?.aborted) return new CancelledError('cancelled', { cause: lastError });
    if (this.deadlinePassed || this.remainingMs() === 0) return this.deadlineError(lastError);
    return null;
  }

  deadlineError(lastError?: HookqlError): DeadlineError {
    const last = lastError ? `; last error: ${lastError.message}` : '';
    return new DeadlineError(`deadline of ${this.deadlineMs} ms passed${last}`, {
      cause: lastError,
      hint: 'raise the statement timeout (--timeout) or try again later',
    });
  }

  throwIfStopped(lastError?: HookqlError): void {
    const stop = this.stopError(lastError);
    if (stop) throw stop;
  }

  /** Waits `ms`, unless the operation stops first (then throws its stop error). */
  async sleep(ms: number, lastError?: HookqlError): Promise<void> {
    this.throwIfStopped(lastError);
    await new Promise<void>((resolve) => {
      const t = setTimeout(done, ms);
      const signal = this.signal;
      signal.addEventListener('abort', done, { once: true });
      function done(): void {
        clearTimeout(t);
        signal.removeEventListener('abort', done);
        resolve();
      }
    });
    this.throwIfStopped(lastError);
  }

  /** Every operation is disposed when it ends (finally): the user's signal keeps no listener of it. */
  dispose(): void {
    clearTimeout(this.timer);
    this.unfollow();
  }
}

/** The controllers following each signal; the signal itself has one listener for all of them. */
const followers = new WeakMap<AbortSignal, Set<AbortController>>();

/**
 * Aborts `controller` when `signal` aborts, until the returned function is called. A listener per
 * follower would put one listener per request in flight on the user's signal (16 at --concurrency 16,
 * past Node's warning threshold of 10); here the signal has one, which aborts whoever follows it then.
 */
export function followAbort(signal: AbortSignal, controller: AbortController): () => void {
  if (signal.aborted) {
    controller.abort(signal.reason);
    return () => {};
  }
  let set = followers.get(signal);
  if (set === undefined) {
    const all = (set = new Set());
    followers.set(signal, all);
    signal.addEventListener('abort', () => all.forEach((c) => c.abort(signal.reason)), { once: true });
  }
  set.add(controller);
  return () => set.delete(controller);
}

/** Waits for `promise` (shared with other operations) but gives up as soon as `op` must stop. */
export function untilStopped<T>(promise: Promise<T>, op: Operation): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onStop = (): void => reject(op.stopError() ?? op.deadlineError());
    if (op.signal.aborted) return onStop();
    op.signal.addEventListener('abort', onStop, { once: true });
    const settle = (): void => op.signal.removeEventListener('abort', onStop);
    promise.then(
      (v) => (settle(), resolve(v)),
      (e: unknown) => (settle(), reject(e)),
    );
  });
}
