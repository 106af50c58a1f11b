import { afterEach, describe, expect, it } from 'vitest';
import { createLimiter } from '../../src/execute/limiter.js';
import type { Executor } from '../../src/execute/types.js';
import { apiRequest, testExecutor } from './helpers/requests.js';
import { sendJson, startServer, type TestServer } from './helpers/test-server.js';

let server: TestServer;
let executor: Executor;
afterEach(async () => {
  await executor?.close();
  await server?.close();
});

describe('bounded concurrency', () => {
  it.each([1, 2, 3])('when the limit is %i then no more requests than that are in flight', async (limit) => {
    let inFlight = 0;
    let peak = 0;
    server = await startServer((_req, res) => {
      peak = Math.max(peak, ++inFlight);
      setTimeout(() => (inFlight--, sendJson(res, 200, {})), 20);
    });
    executor = testExecutor({ concurrency: limit });
    await Promise.all(Array.from({ length: 8 }, () => executor.call(apiRequest(server.url))));
    expect(peak).toBe(limit);
    expect(executor.stats.requests).toBe(8);
  });

  it('when a slot frees up then a newcomer cannot overtake the waiter and exceed the limit', async () => {
    const limiter = createLimiter(1);
    let active = 0;
    let peak = 0;
    const task = async (): Promise<void> => {
      peak = Math.max(peak, ++active);
      await Promise.resolve();
      active--;
    };
    const first = limiter.run(task);
    const waiter = limiter.run(task);
    await first;
    await Promise.all([waiter, limiter.run(task)]);
    expect(peak).toBe(1);
  });
});
