// Operations follow the user's abort signal without one listener each: 16 requests in flight on one
// signal (apply --concurrency 16) must not trip Node's "possible EventTarget memory leak" warning,
// and every one of them still stops when the signal aborts.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { Operation } from '../../src/execute/operation.js';
import { CancelledError } from '../../src/errors.js';

afterEach(() => vi.restoreAllMocks());

describe('Operation and the user signal', () => {
  it('when many operations share one signal then aborting it stops them all, with no warning', () => {
    const warn = vi.spyOn(process, 'emitWarning');
    const user = new AbortController();
    const ops = Array.from({ length: 40 }, () => new Operation(60_000, user.signal));
    user.abort();
    expect(ops.every((op) => op.signal.aborted)).toBe(true);
    expect(ops[0].stopError()).toBeInstanceOf(CancelledError);
    ops.forEach((op) => op.dispose());
    expect(warn).not.toHaveBeenCalled();
  });

  it('when an operation was disposed then a later abort leaves it alone', () => {
    const user = new AbortController();
    const done = new Operation(60_000, user.signal);
    done.dispose();
    const live = new Operation(60_000, user.signal);
    user.abort();
    expect(done.signal.aborted).toBe(false);
    expect(live.signal.aborted).toBe(true);
    live.dispose();
  });

  it('when the signal was already aborted then the operation starts stopped', () => {
    const user = new AbortController();
    user.abort();
    const op = new Operation(60_000, user.signal);
    expect(op.signal.aborted).toBe(true);
    op.dispose();
  });

  it('when the deadline passes then the operation stops with a deadline error', async () => {
    const op = new Operation(5, undefined);
    await new Promise((r) => setTimeout(r, 30));
    expect(op.signal.aborted).toBe(true);
    expect(op.stopError()?.code).toBe('DEADLINE');
    op.dispose();
  });
});
