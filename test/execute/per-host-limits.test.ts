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

/** A server that records how many requests it has in flight, answering each after `ms` or when released. */
async function held(ms: number): Promise<TestServer & { now: () => number; peak: () => number; release: () => void }> {
  let now = 0;
  let peak = 0;
  const waiting = new Set<() => void>();
  const s = await startServer(async (_req, res) => {
    peak = Math.max(peak, ++now);
    await new Promise<void>((r) => {
      const done = () => (waiting.delete(done), clearTimeout(t), r());
      const t = setTimeout(done, ms);
      waiting.add(done);
    });
    now--;
    sendJson(res, 200, {});
  });
  servers.push(s);
  return { ...s, now: () => now, peak: () => peak, release: () => [...waiting].forEach((done) => done()) };
}
const slow = held;

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
  return true;
}

it('at most 4 requests go to one host at once (the default), while another host gets its own 4', async () => {
  // Each request is held until both hosts have 4 in flight (or 10 s): no timing assumption.
  const a = await held(10_000);
  const b = await held(10_000);
  executor = testExecutor({ concurrency: 16 });
  const ex = executor;
  const all = Promise.all([...Array.from({ length: 12 }, () => ex.call(apiRequest(a.url))), ...Array.from({ length: 12 }, () => ex.call(apiRequest(b.url)))]);
  const both = await until(() => a.now() === 4 && b.now() === 4);
  await new Promise((r) => setTimeout(r, 50)); // room for a fifth to arrive, if one could
  expect(a.now()).toBe(4);
  expect(b.now()).toBe(4);
  const release = setInterval(() => (a.release(), b.release()), 10);
  await all.finally(() => clearInterval(release));
  expect(both).toBe(true);
  expect(a.peak()).toBe(4);
  expect(b.peak()).toBe(4);
});

it('the overall limit bounds all hosts together', async () => {
  const hosts = await Promise.all([1, 2, 3].map(() => held(10_000)));
  const inFlight = () => hosts.reduce((n, h) => n + h.now(), 0);
  executor = testExecutor({ concurrency: 3, perHostConcurrency: 3 });
  const ex = executor;
  const all = Promise.all(hosts.flatMap((h) => Array.from({ length: 6 }, () => ex.call(apiRequest(h.url)))));
  let peak = 0;
  const watch = setInterval(() => (peak = Math.max(peak, inFlight())), 5);
  // Released a batch at a time once 3 are in flight: the fourth must never start meanwhile.
  let batches = 0;
  while (batches < 6 && (await until(() => inFlight() === 3))) {
    await new Promise((r) => setTimeout(r, 30));
    peak = Math.max(peak, inFlight());
    hosts.forEach((h) => h.release());
    batches++;
  }
  const rest = setInterval(() => hosts.forEach((h) => h.release()), 10);
  await all.finally(() => (clearInterval(rest), clearInterval(watch)));
  expect(batches).toBeGreaterThan(0);
  expect(peak).toBe(3);
});

it('after a 429 the requests queued for that host wait out its Retry-After; another host is not held', async () => {
  const arrivals: number[] = [];
  let first = true;
  const throttled = await startServer((_req, res) => {
    arrivals.push(Date.now());
    if (first) {
      first = false;
      res.setHeader('retry-after', '2');
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
    ex.call(apiRequest(throttled.url, { retry: { ...SAFE, maxDelayMs: 5000 } })),
    ex.call(apiRequest(throttled.url, { retry: { ...SAFE, maxDelayMs: 5000 } })),
    ex.call(apiRequest(other.url)).then(() => (otherDone = Date.now())),
  ]);
  // The second request was queued behind the first; the 429 held it for the Retry-After too.
  // (2 s, so that the other host's request, which must not wait, has ample time on a loaded machine.)
  expect(arrivals).toHaveLength(3);
  expect(arrivals[1] - arrivals[0]).toBeGreaterThanOrEqual(1950);
  expect(otherDone - started).toBeLessThan(arrivals[1] - started);
});
