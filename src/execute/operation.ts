import { CancelledError, DeadlineError, type HookqlError } from '../errors.js';

/**
 * One `call()` or `pages()` iteration: the user's abort signal plus the statement deadline. Every
 * request and backoff sleep of the operation listens to `signal`, so either stops all of it at once.
 */
export class Operation {
  readonly signal: AbortSignal;
  private readonly deadline = new AbortController();
  private readonly deadlineAt: number;
  private readonly timer: NodeJS.Timeout;

  constructor(
    readonly deadlineMs: number,
    private readonly userSignal: AbortSignal | undefined,
  ) {
    this.deadlineAt = Date.now() + deadlineMs;
    this.timer = setTimeout(() => this.deadline.abort(), deadlineMs);
    this.timer.unref();
    this.signal = userSignal ? AbortSignal.any([userSignal, this.deadline.signal]) : this.deadline.signal;
  }

  remainingMs(): number {
    return Math.max(0, this.deadlineAt - Date.now());
  }

  /** CancelledError / DeadlineError if the operation must stop, else null. */
  stopError(lastError?: HookqlError): HookqlError | null {
    if (this.userSignal?.aborted) return new CancelledError('cancelled', { cause: lastError });
    if (this.deadline.signal.aborted || this.remainingMs() === 0) return this.deadlineError(lastError);
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

  dispose(): void {
    clearTimeout(this.timer);
  }
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
