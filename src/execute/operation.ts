import { CancelledError, DeadlineError, type HookqlError } from '../errors.js';

/**
 * One `call()` or `pages()` iteration: the user's abort signal plus the statement deadline. Every
 * request and backoff sleep of the operation listens to it (onStop), so either stops all of it at once.
 */
export class Operation {
  private deadlinePassed = false;
  private stoppedBy: { readonly reason: unknown } | null = null;
  private readonly deadlineAt: number;
  private readonly timer: NodeJS.Timeout;
  private readonly unfollow: () => void;
  /**
   * Plain callbacks, not an AbortSignal's listeners: every request and wait of a create registers
   * one, and an EventTarget's add/remove cost more CPU than the rest of a small request (bench B4).
   */
  private listeners: Set<() => void> | null = null;
  /** Made on first use of `signal` (a CLI token command needs one); requests use onStop. */
  private controller: AbortController | null = null;

  constructor(
    readonly deadlineMs: number,
    private readonly userSignal: AbortSignal | undefined,
  ) {
    this.deadlineAt = Date.now() + deadlineMs;
    this.timer = setTimeout(() => {
      this.deadlinePassed = true;
      this.stop(undefined);
    }, deadlineMs);
    this.timer.unref();
    this.unfollow = userSignal ? followAbort(userSignal, (reason) => this.stop(reason)) : () => {};
  }

  /** Aborted when the operation stops (by the deadline, or with the user signal's reason). */
  get signal(): AbortSignal {
    if (this.controller === null) {
      this.controller = new AbortController();
      if (this.stoppedBy !== null) this.abortController(this.stoppedBy.reason);
    }
    return this.controller.signal;
  }

  /** The deadline passed or the user's signal aborted. */
  get stopped(): boolean {
    return this.stoppedBy !== null;
  }

  /** Calls `listener` once when the operation stops (not if it already has: check `stopped`); returns the unsubscribe. */
  onStop(listener: () => void): () => void {
    const set = (this.listeners ??= new Set());
    set.add(listener);
    return () => set.delete(listener);
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
    if (!this.stopped) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(done, ms);
        const off = this.onStop(done);
        function done(): void {
          clearTimeout(t);
          off();
          resolve();
        }
      });
    }
    this.throwIfStopped(lastError);
  }

  /** Every operation is disposed when it ends (finally): the user's signal keeps no listener of it. */
  dispose(): void {
    clearTimeout(this.timer);
    this.unfollow();
  }

  private stop(reason: unknown): void {
    if (this.stoppedBy !== null) return;
    this.stoppedBy = { reason };
    if (this.controller !== null) this.abortController(reason);
    const listeners = this.listeners;
    this.listeners = null;
    listeners?.forEach((l) => l());
  }

  private abortController(reason: unknown): void {
    // As AbortController.abort(): no reason given = its own AbortError.
    if (reason === undefined) this.controller?.abort();
    else this.controller?.abort(reason);
  }
}

/** The callbacks following each signal; the signal itself has one listener for all of them. */
const followers = new WeakMap<AbortSignal, Set<(reason: unknown) => void>>();

/**
 * Calls `onAbort(signal.reason)` when `signal` aborts, until the returned function is called. A
 * listener per follower would put one listener per request in flight on the user's signal (16 at
 * --concurrency 16, past Node's warning threshold of 10); here the signal has one for all of them.
 */
export function followAbort(signal: AbortSignal, onAbort: (reason: unknown) => void): () => void {
  if (signal.aborted) {
    onAbort(signal.reason);
    return () => {};
  }
  let set = followers.get(signal);
  if (set === undefined) {
    const all = (set = new Set());
    followers.set(signal, all);
    signal.addEventListener('abort', () => all.forEach((f) => f(signal.reason)), { once: true });
  }
  set.add(onAbort);
  return () => set.delete(onAbort);
}

/** Waits for `promise` (shared with other operations) but gives up as soon as `op` must stop. */
export function untilStopped<T>(promise: Promise<T>, op: Operation): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onStop = (): void => reject(op.stopError() ?? op.deadlineError());
    if (op.stopped) return onStop();
    const off = op.onStop(onStop);
    promise.then(
      (v) => (off(), resolve(v)),
      (e: unknown) => (off(), reject(e)),
    );
  });
}

/** A value already there (no await needed), unless `op` has stopped: then its stop error, as untilStopped gives. */
export function settledOrStop<T>(value: T | undefined, op: Operation): T | undefined {
  if (value !== undefined && op.stopped) throw op.stopError() ?? op.deadlineError();
  return value;
}
