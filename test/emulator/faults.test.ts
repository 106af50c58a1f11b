// Fault injection: the spec parser, and what each fault does to a request over real HTTP.

import { afterEach, describe, expect, it } from 'vitest';
import { parseFaultSpec, startEmulator } from '../../src/emulator/index.js';
import { BASE, client, httpHook, reset, useEmulator } from './helpers.js';

const ctx = useEmulator();

afterEach(async () => {
  ctx.emulator.setFaults('');
  await reset(ctx.api);
});

describe('parseFaultSpec', () => {
  it.each([
    ['', { rates: {} }],
    ['none', { rates: {} }],
    ['latency=20', { latency: { min: 20, max: 20 }, rates: {} }],
    ['latency=5-50,seed=7', { latency: { min: 5, max: 50 }, rates: {}, seed: 7 }],
    ['429=0.05, 503=0.1 ,drop-after=0.02', { rates: { '429': 0.05, '503': 0.1, 'drop-after': 0.02 } }],
    ['500=1', { rates: { '500': 1 } }],
    ['drop-before=.5,drop-after=0.5', { rates: { 'drop-before': 0.5, 'drop-after': 0.5 } }],
  ])('accepts %j', (spec, expected) => {
    expect(parseFaultSpec(spec)).toEqual({ latency: undefined, seed: undefined, ...expected });
  });

  it.each([
    ['503=2', /between 0 and 1/],
    ['503=-0.1', /between 0 and 1/],
    ['503=abc', /between 0 and 1/],
    ['404=0.1', /unknown fault '404'/],
    ['latency', /KEY=VALUE/],
    ['latency=fast', /MS or MIN-MAX/],
    ['latency=50-5', /MIN greater than MAX/],
    ['latency=999999', /MS or MIN-MAX|over/],
    ['seed=-1', /whole number/],
    ['503=0.1,503=0.2', /given twice/],
    ['503=0.6,500=0.6', /add up to/],
    ['503=0.1,,500=0.1', /KEY=VALUE/],
    ['a=b=c', /KEY=VALUE/],
  ])('refuses %j with a clear message', (spec, message) => {
    expect(() => parseFaultSpec(spec)).toThrow(message);
  });
});

describe('injected faults', () => {
  const list = () => ctx.api.send('GET', `${BASE}/list`);
  const createHook = (api = ctx.api) => api.send('POST', `${BASE}/create`, { body: httpHook() });
  const count = async () => (await ctx.api.send('GET', `${BASE}/list`)).body.webhooks?.length ?? 0;

  it.each([
    ['429=1', 429, 'REQUEST_LIMIT_EXCEEDED'],
    ['500=1', 500, 'INTERNAL_ERROR'],
    ['503=1', 503, 'TEMPORARILY_UNAVAILABLE'],
  ])('%s answers every request with %s %s and applies nothing', async (spec, status, code) => {
    ctx.emulator.setFaults(spec);
    for (let i = 0; i < 3; i++) {
      const reply = await createHook();
      expect(reply.status).toBe(status);
      expect(reply.body.error_code).toBe(code);
      if (status === 429) expect(reply.headers['retry-after']).toBe('1');
    }
    ctx.emulator.setFaults('');
    expect(await count()).toBe(0);
  });

  it('drop-before closes the connection without applying the request', async () => {
    ctx.emulator.setFaults('drop-before=1');
    const api = client(ctx.emulator.url);
    await expect(createHook(api)).rejects.toThrow();
    await api.close();
    ctx.emulator.setFaults('');
    expect(await count()).toBe(0);
  });

  it('drop-after applies the request, then closes the connection with no answer', async () => {
    ctx.emulator.setFaults('drop-after=1');
    const api = client(ctx.emulator.url);
    await expect(createHook(api)).rejects.toThrow();
    await api.close();
    ctx.emulator.setFaults('');
    expect(await count()).toBe(1);
    const log = (await ctx.api.send('GET', '/__emulator/requests')).body.requests;
    expect(log[0]).toMatchObject({ path: `${BASE}/create`, status: 200, fault: 'drop-after' });
  });

  it('latency delays each request by the given time', async () => {
    ctx.emulator.setFaults('latency=120');
    const started = Date.now();
    expect((await list()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('when 20 delayed requests are in flight at once then each is answered, with no listener-leak warning', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      ctx.emulator.setFaults('latency=30');
      const statuses = await Promise.all(Array.from({ length: 20 }, async () => (await list()).status));
      expect(statuses).toEqual(Array(20).fill(200));
      await new Promise((r) => setImmediate(r));
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('when the emulator closes during an injected delay then the request ends instead of hanging', async () => {
    const own = await startEmulator({ faults: 'latency=5000' });
    const api = client(own.url);
    const pending = api.send('GET', `${BASE}/list`).then(
      () => 'answered',
      () => 'failed',
    );
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await own.close();
    expect(['answered', 'failed']).toContain(await pending);
    expect(Date.now() - started).toBeLessThan(4000);
    await api.close();
  });

  it('the same seed replays the same faults', async () => {
    const run = async () => {
      ctx.emulator.setFaults('503=0.3,429=0.2,seed=42');
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push((await list()).status);
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first.filter((s) => s === 503).length).toBeGreaterThan(3);
    expect(first.filter((s) => s === 200).length).toBeGreaterThan(10);
  });

  it('never faults the admin endpoint, and counts what it injected', async () => {
    const set = await ctx.api.send('POST', '/__emulator/faults', { raw: '503=1,seed=1', headers: { 'content-type': 'text/plain' } });
    expect(set.body).toMatchObject({ spec: '503=1,seed=1' });
    await list();
    await list();
    const report = await ctx.api.send('GET', '/__emulator/faults');
    expect(report.status).toBe(200);
    expect(report.body).toEqual({
      spec: '503=1,seed=1',
      injected: { '429': 0, '500': 0, '503': 2, 'drop-before': 0, 'drop-after': 0 },
      requests: 2,
    });
  });

  it('POST /__emulator/faults takes {"spec"} or a JSON string, and refuses a bad spec keeping the old one', async () => {
    expect((await ctx.api.send('POST', '/__emulator/faults', { body: { spec: 'latency=1' } })).body.spec).toBe('latency=1');
    expect((await ctx.api.send('POST', '/__emulator/faults', { body: '500=0.5' })).body.spec).toBe('500=0.5');
    const bad = await ctx.api.send('POST', '/__emulator/faults', { body: { spec: '500=7' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error_code).toBe('INVALID_PARAMETER_VALUE');
    expect((await ctx.api.send('GET', '/__emulator/faults')).body.spec).toBe('500=0.5');
    expect(() => ctx.emulator.setFaults('bogus')).toThrow(/KEY=VALUE/);
  });
});

describe('closing', () => {
  it('does not wait for injected latency still pending', async () => {
    const emulator = await startEmulator({ faults: 'latency=20000' });
    const api = client(emulator.url);
    const pending = api.send('GET', `${BASE}/list`).catch((error: unknown) => error);
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await emulator.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await pending).toBeInstanceOf(Error);
    await api.close();
  });
});
