import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../../src/errors.js';
import type { Executor } from '../../src/execute/types.js';
import { apiRequest, NEVER, rejection, SAFE, testExecutor } from './helpers/requests.js';
import { dropConnection, sendJson, startServer, type TestServer } from './helpers/test-server.js';
import type http from 'node:http';

let server: TestServer;
let executor: Executor;
afterEach(async () => {
  await executor?.close();
  await server?.close();
});

type Step = (res: http.ServerResponse) => void;
const ok: Step = (res) => sendJson(res, 200, { done: true });
const status = (code: number, headers: Record<string, string> = {}): Step => (res) =>
  sendJson(res, code, { error_code: code === 429 ? 'REQUEST_LIMIT_EXCEEDED' : 'TEMPORARILY_UNAVAILABLE', message: 'busy' }, headers);
const drop: Step = dropConnection;

/** Answers with each step in turn, then repeats the last one. */
async function scripted(...steps: Step[]): Promise<TestServer> {
  let i = 0;
  return startServer((_req, res) => steps[Math.min(i++, steps.length - 1)](res));
}

describe('retries', () => {
  it.each([
    { name: '503 then success', steps: [status(503), ok], requests: 2 },
    { name: '429, 502, then success', steps: [status(429), status(502), ok], requests: 3 },
    { name: 'a dropped connection then success', steps: [drop, ok], requests: 2 },
  ])('when the server answers $name then a safe request succeeds after retrying', async ({ steps, requests }) => {
    server = await scripted(...steps);
    executor = testExecutor();
    await expect(executor.call(apiRequest(server.url))).resolves.toEqual({ done: true });
    expect(executor.stats).toMatchObject({ requests, retries: requests - 1 });
  });

  it.each([
    { name: 'mode never and a 503', retry: NEVER, steps: [status(503), ok], error: ApiError },
    { name: 'a status not in retryOn (400)', retry: SAFE, steps: [status(400), ok], error: ApiError },
    { name: 'network errors not retryable', retry: { ...SAFE, retryNetworkErrors: false }, steps: [drop, ok], error: NetworkError },
  ])('when $name then there is exactly one request', async ({ retry, steps, error }) => {
    server = await scripted(...steps);
    executor = testExecutor();
    const err = await rejection(executor.call(apiRequest(server.url, { retry })));
    expect(err).toBeInstanceOf(error);
    expect(server.requests).toHaveLength(1);
    expect(executor.stats.retries).toBe(0);
  });

  it('when retries run out then the last error says how many attempts were made', async () => {
    server = await scripted(status(503));
    executor = testExecutor();
    const err = await rejection(executor.call(apiRequest(server.url, { retry: { ...SAFE, attempts: 3 } })));
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).details.status).toBe(503);
    expect(err.message).toContain('gave up after 3 attempts');
    expect(server.requests).toHaveLength(3);
  });

  it('when a 429 carries Retry-After then the wait follows it, capped at maxDelayMs', async () => {
    server = await scripted(status(429, { 'retry-after': '30' }), ok);
    executor = testExecutor();
    const started = Date.now();
    await executor.call(apiRequest(server.url, { retry: { ...SAFE, maxDelayMs: 80 } }));
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(75);
    expect(elapsed).toBeLessThan(2000);
  });

  it('when a 503 carries Retry-After: 1 then the retry waits about a second', async () => {
    server = await scripted(status(503, { 'retry-after': '1' }), ok);
    executor = testExecutor();
    const started = Date.now();
    await executor.call(apiRequest(server.url, { retry: { ...SAFE, maxDelayMs: 5000 } }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });
});
