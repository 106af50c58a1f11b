import { afterEach, describe, expect, it } from 'vitest';
import { CancelledError, DeadlineError, NetworkError } from '../../src/errors.js';
import type { Executor } from '../../src/execute/types.js';
import { apiRequest, collect, listRequest, rejection, SAFE, testExecutor } from './helpers/requests.js';
import { sendJson, startServer, type TestServer } from './helpers/test-server.js';

let server: TestServer;
let executor: Executor;
afterEach(async () => {
  await executor?.close();
  await server?.close();
});

/** A server that never answers. */
const hanging = (): Promise<TestServer> => startServer(() => {});

describe('deadline', () => {
  it('when the server never answers then the statement deadline stops the call', async () => {
    server = await hanging();
    executor = testExecutor({ deadlineMs: 150 });
    const started = Date.now();
    const err = await rejection(executor.call(apiRequest(server.url)));
    expect(err).toBeInstanceOf(DeadlineError);
    // Generous (a loaded machine): without the deadline it would hang for good.
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('when a Retry-After wait would pass the deadline then it fails at once with the last error as cause', async () => {
    server = await startServer((_req, res) => sendJson(res, 503, { error_code: 'TEMPORARILY_UNAVAILABLE', message: 'x' }, { 'retry-after': '60' }));
    executor = testExecutor({ deadlineMs: 5000 });
    const started = Date.now();
    const err = await rejection(executor.call(apiRequest(server.url, { retry: { ...SAFE, maxDelayMs: 60_000 } })));
    expect(err).toBeInstanceOf(DeadlineError);
    expect(err.message).toContain('HTTP 503');
    // "At once": well before the 5 s deadline it would otherwise wait for (and the 60 s asked).
    expect(Date.now() - started).toBeLessThan(4000);
    expect(server.requests).toHaveLength(1);
  });

  it('when pages keep coming slowly then the deadline bounds the whole iteration', async () => {
    let n = 0;
    server = await startServer((_req, res) => {
      setTimeout(() => sendJson(res, 200, { things: [n], next_page_token: `t${++n}` }), 40);
    });
    executor = testExecutor({ deadlineMs: 200 });
    const err = await rejection(collect(executor.pages(listRequest(server.url))));
    expect(err).toBeInstanceOf(DeadlineError);
    expect(server.requests.length).toBeLessThan(10);
  });
});

describe('per-request timeout', () => {
  it.each([
    { name: 'not retryable', retry: { ...SAFE, retryNetworkErrors: false }, requests: 1 },
    { name: 'retryable', retry: { ...SAFE, attempts: 2 }, requests: 2 },
  ])('when a request times out and network errors are $name then it is a NetworkError after $requests request(s)', async ({ retry, requests }) => {
    server = await hanging();
    executor = testExecutor({ requestTimeoutMs: 300 });
    const err = await rejection(executor.call(apiRequest(server.url, { retry })));
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.message).toContain('no response within 300 ms');
    // Counted where they are sent: on a loaded machine a request can time out before the server
    // has even accepted it, so the server's own count may be lower.
    expect(executor.stats.requests).toBe(requests);
    expect(server.requests.length).toBeLessThanOrEqual(requests);
  });
});

describe('abort signal', () => {
  it('when the user aborts during a request then the call fails with CancelledError', async () => {
    server = await hanging();
    executor = testExecutor();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const err = await rejection(executor.call(apiRequest(server.url), controller.signal));
    expect(err).toBeInstanceOf(CancelledError);
  });

  it('when the signal is already aborted then nothing is sent', async () => {
    server = await hanging();
    executor = testExecutor();
    const err = await rejection(executor.call(apiRequest(server.url), AbortSignal.abort()));
    expect(err).toBeInstanceOf(CancelledError);
    expect(server.requests).toHaveLength(0);
  });

  it('when the user aborts during a backoff wait then it stops without another request', async () => {
    const controller = new AbortController();
    // Aborted once the 503 is on its way, so the abort lands in the 5 s backoff whatever the load.
    server = await startServer((_req, res) => {
      sendJson(res, 503, { error_code: 'TEMPORARILY_UNAVAILABLE', message: 'x' }, { 'retry-after': '5' });
      setTimeout(() => controller.abort(), 100);
    });
    executor = testExecutor();
    const started = Date.now();
    const err = await rejection(executor.call(apiRequest(server.url, { retry: { ...SAFE, maxDelayMs: 10_000 } }), controller.signal));
    expect(err).toBeInstanceOf(CancelledError);
    expect(server.requests).toHaveLength(1);
    // It stopped waiting: the backoff alone is 5 s.
    expect(Date.now() - started).toBeLessThan(4500);
  });
});
