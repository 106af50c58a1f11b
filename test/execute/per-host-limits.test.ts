// Concurrency per host and overall, and the pause after a 429, at the transport: what one
// workspace does never holds up another.
import { afterEach, expect, it } from 'vitest';
import type { Executor } from '../../src/execute/types.js';
import { apiRequest, SAFE, testExecutor } from './helpers/requests.js';
import { sendJson, startServer, type TestServer } from './helpers/test-server.js';

let servers: TestServer[] = [];
let executor: Executor | undefined;
afterEach(async () => {
  await executor?.close();
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

/** A server that answers after `ms` and records how many requests it had in flight at most. */
async function slow(ms: number): Promise<TestServer & { peak: () => number }> {
  let now = 0;
  let peak = 0;
  const s = await startServer(async (_req, res) => {
    peak = Math.max(peak, ++now);
    await new Promise((r) => setTimeout(r, ms));
    now--;
    sendJson(res, 200, {});
  });
  servers.push(s);
  return { ...s, peak: () => peak };
}

it('at most 4 requests go to one host at once (the default), while another host gets its own 4', async () => {
  // Held long enough that, even on a loaded machine, each host's queue fills its slots.
  const a = await slow(250);
  const b = await slow(250);
  executor = testExecutor({ concurrency: 16 });
  const ex = executor;
  await Promise.all([...Array.from({ length: 12 }, () => ex.call(apiRequest(a.url))), ...Array.from({ length: 12 }, () => ex.call(apiRequest(b.url)))]);
  expect(a.peak()).toBeLessThanOrEqual(4);
  expect(b.peak()).toBeLessThanOrEqual(4);
  expect(a.peak() + b.peak()).toBeGreaterThan(4);
});

it('the overall limit bounds all hosts together', async () => {
  let now = 0;
  let peak = 0;
  const hosts = await Promise.all(
    [1, 2, 3].map(() =>
      startServer(async (_req, res) => {
        peak = Math.max(peak, ++now);
        await new Promise((r) => setTimeout(r, 30));
        now--;
        sendJson(res, 200, {});
      }),
    ),
  );
  servers.push(...hosts);
  executor = testExecutor({ concurrency: 3, perHostConcurrency: 3 });
  const ex = executor;
  await Promise.all(hosts.flatMap((h) => Array.from({ length: 6 }, () => ex.call(apiRequest(h.url)))));
  expect(peak).toBe(3);
});

it('after a 429 the requests queued for that host wait out its Retry-After; another host is not held', async () => {
  const arrivals: number[] = [];
  let first = true;
  const throttled = await startServer((_req, res) => {
    arrivals.push(Date.now());
    if (first) {
      first = false;
      res.setHeader('retry-after', '1');
      return sendJson(res, 429, { error_code: 'REQUEST_LIMIT_EXCEEDED', message: 'slow down' });
    }
    sendJson(res, 200, {});
  });
  servers.push(throttled);
  const other = await slow(1);
  executor = testExecutor({ perHostConcurrency: 1 });
  const ex = executor;
  const started = Date.now();
  let otherDone = 0;
  await Promise.all([
    ex.call(apiRequest(throttled.url, { retry: { ...SAFE, maxDelayMs: 2000 } })),
    ex.call(apiRequest(throttled.url, { retry: { ...SAFE, maxDelayMs: 2000 } })),
    ex.call(apiRequest(other.url)).then(() => (otherDone = Date.now())),
  ]);
  // The second request was queued behind the first; the 429 held it for the Retry-After too.
  expect(arrivals).toHaveLength(3);
  expect(arrivals[1] - arrivals[0]).toBeGreaterThanOrEqual(950);
  expect(otherDone - started).toBeLessThan(arrivals[1] - started);
});
