import { describe, expect, it } from 'vitest';
import { backoffDelayMs, parseRetryAfter } from '../../src/execute/backoff.js';
import { SAFE } from './helpers/requests.js';

const policy = { ...SAFE, baseDelayMs: 100, maxDelayMs: 1000 };

describe('backoffDelayMs (exponential, full jitter, capped)', () => {
  it.each([
    { retry: 1, random: 0.999, want: 99 },
    { retry: 2, random: 0.999, want: 199 },
    { retry: 3, random: 0.5, want: 200 },
    { retry: 10, random: 0.999, want: 999 },
    { retry: 4, random: 0, want: 0 },
  ])('retry $retry with random $random waits $want ms', ({ retry, random, want }) => {
    expect(backoffDelayMs(policy, retry, null, () => random)).toBe(want);
  });

  it.each([
    { retryAfterMs: 300, want: 300 },
    { retryAfterMs: 60_000, want: 1000 },
  ])('Retry-After of $retryAfterMs ms wins over backoff, capped at maxDelayMs', ({ retryAfterMs, want }) => {
    expect(backoffDelayMs(policy, 1, retryAfterMs, () => 0)).toBe(want);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it.each([
    { header: '3', want: 3000 },
    { header: ' 0 ', want: 0 },
    { header: 'Thu, 01 Jan 2026 00:00:05 GMT', want: 5000 },
    { header: 'Wed, 31 Dec 2025 00:00:00 GMT', want: 0 },
    { header: 'soon', want: null },
    { header: undefined, want: null },
  ])('"$header" → $want', ({ header, want }) => {
    expect(parseRetryAfter(header, now)).toBe(want);
  });
});
