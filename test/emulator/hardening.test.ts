// Hostile input: oversized bodies, deep or broken JSON, invalid UTF-8, huge numbers, path tricks,
// malformed HTTP. Each gets a 4xx with the error envelope, and the emulator keeps serving.

import { connect } from 'node:net';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { request } from 'undici';
import { ADMIN, BASE, httpHook, useEmulator } from './helpers.js';

const ctx = useEmulator();

/** Writes raw bytes on a fresh socket and returns everything the server sent before closing. */
function rawExchange(port: number, bytes: string | Buffer, { end = true } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.on('error', reject);
    socket.setTimeout(5000, () => socket.destroy());
    socket.write(bytes);
    if (end) socket.end();
  });
}

async function stillServing(): Promise<void> {
  expect((await ctx.api.send('GET', `${BASE}/list`)).status).toBe(200);
}

const envelope = (code: string) => ({ error_code: code, message: expect.any(String) });

describe('request bodies', () => {
  it('a declared body over 1 MiB gets 413', async () => {
    const reply = await ctx.api.send('POST', `${BASE}/create`, { raw: Buffer.alloc(1024 * 1024 + 1, 0x20) });
    expect(reply.status).toBe(413);
    expect(reply.body).toEqual(envelope('INVALID_PARAMETER_VALUE'));
    await stillServing();
  });

  it('a chunked body that grows past 1 MiB gets 413', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const body = Readable.from((function* () { for (let i = 0; i < 40; i++) yield chunk; })());
    const response = await request(`${ctx.emulator.url}${BASE}/create`, {
      method: 'POST', body, headers: { authorization: `Bearer ${ADMIN}` },
    }).catch((error: Error) => error);
    // The server answers 413 and closes; depending on timing the client sees the 413 or the close.
    if (!(response instanceof Error)) {
      expect(response.statusCode).toBe(413);
      expect(await response.body.json()).toEqual(envelope('INVALID_PARAMETER_VALUE'));
    }
    await stillServing();
  });

  it.each([
    { name: 'deeply nested JSON', raw: '['.repeat(100_000) + ']'.repeat(100_000), code: 'MALFORMED_REQUEST' },
    { name: 'nesting just past the limit', raw: `{"events": ${'['.repeat(32)}1${']'.repeat(32)}}`, code: 'MALFORMED_REQUEST' },
    { name: 'truncated JSON', raw: '{"events": ["MODEL_VERSION_CREATED"', code: 'MALFORMED_REQUEST' },
    { name: 'a JSON string', raw: '"hello"', code: 'MALFORMED_REQUEST' },
    { name: 'JSON null', raw: 'null', code: 'MALFORMED_REQUEST' },
    { name: 'a huge number as a field', raw: '{"events": ["MODEL_VERSION_CREATED"], "description": 1e999, "http_url_spec": {"url": "https://a.b/"}}', code: 'INVALID_PARAMETER_VALUE' },
    { name: 'a huge job_id', raw: '{"events": ["MODEL_VERSION_CREATED"], "job_spec": {"job_id": 123456789012345678901234567890, "access_token": "t"}}', code: 'INVALID_PARAMETER_VALUE' },
    { name: 'a 500 KiB event name', raw: JSON.stringify(httpHook({ events: ['X'.repeat(500_000)] })), code: 'INVALID_PARAMETER_VALUE' },
    { name: '__proto__ keys', raw: '{"__proto__": {"admin": true}, "events": ["MODEL_VERSION_CREATED"]}', code: 'INVALID_PARAMETER_VALUE' },
  ])('$name → 400 $code', async ({ raw, code }) => {
    const reply = await ctx.api.send('POST', `${BASE}/create`, { raw, headers: { 'content-type': 'application/json' } });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual(envelope(code));
    expect(reply.text.length).toBeLessThan(2000);
  });

  it('invalid UTF-8 → 400 MALFORMED_REQUEST', async () => {
    const raw = Buffer.concat([Buffer.from('{"events": ["'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"]}')]);
    const reply = await ctx.api.send('POST', `${BASE}/create`, { raw });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual(envelope('MALFORMED_REQUEST'));
  });

  it('non-ASCII, quotes and control characters round-trip exactly', async () => {
    const description = 'ünïcødé "quoted" \\ back; -- dash\n\t\u0000 end 🚀';
    const reply = await ctx.api.send('POST', `${BASE}/create`, { body: httpHook({ description }) });
    expect(reply.body.webhook.description).toBe(description);
  });
});

/** Sends one request line as written: undici (like browsers) would normalise `..` before sending. */
async function rawStatus(method: string, path: string, token: string | null = ADMIN): Promise<{ status: number; body: any }> {
  const auth = token === null ? '' : `Authorization: Bearer ${token}\r\n`;
  const text = await rawExchange(ctx.emulator.port, `${method} ${path} HTTP/1.1\r\nHost: x\r\n${auth}Connection: close\r\nContent-Length: 0\r\n\r\n`);
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
  const body = text.slice(text.indexOf('\r\n\r\n') + 4);
  return { status, body: body ? JSON.parse(body) : undefined };
}

describe('paths', () => {
  it.each([
    '/__emulator/../api/2.0/mlflow/registry-webhooks/list',
    '/__emulator/requests/../reset',
    '/__emulator/./reset',
    '/__emulator/%2e%2e/reset',
    '/__emulator/%2E%2E/%2E%2E/api/2.0/mlflow/registry-webhooks/list',
    '/__emulator//reset',
    '/__emulator/reset/',
    '/__emulator/',
    '/__emulator',
    '/__emulator/reset%00',
    '/__emulator\\reset',
    '/api/2.0/mlflow/registry-webhooks/../registry-webhooks/list',
    '/API/2.0/mlflow/registry-webhooks/list',
    '/__proto__',
    '/constructor',
    '/hasOwnProperty',
    '/%ff%fe',
    'http://127.0.0.1/__emulator/reset',
    '*',
  ])('%s is not a route → 404 ENDPOINT_NOT_FOUND', async (path) => {
    const reply = await rawStatus('GET', path);
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual(envelope('ENDPOINT_NOT_FOUND'));
  });

  it('path tricks without a token are 403, never a peek at the admin endpoint', async () => {
    const reply = await rawStatus('GET', '/__emulator/../__emulator/requests', null);
    expect(reply.status).toBe(403);
  });

  it.each(['PROPFIND', 'OPTIONS', 'HEAD', 'TRACE', 'CONNECT'])('method %s on a route → 4xx', async (method) => {
    const path = method === 'CONNECT' ? '127.0.0.1:1' : `${BASE}/list`;
    const reply = await rawStatus(method, path);
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
    await stillServing();
  });

  it('an Upgrade request is answered as a plain request', async () => {
    const text = await rawExchange(ctx.emulator.port, `GET ${BASE}/list HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ADMIN}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n`);
    expect(text).toMatch(/^HTTP\/1\.1 [24]\d\d/);
    await stillServing();
  });
});

describe('malformed HTTP', () => {
  it.each([
    ['garbage', 'hello there\r\n\r\n', /^HTTP\/1\.1 400/],
    ['a bad header line', `GET ${BASE}/list HTTP/1.1\r\nHost x\r\n\r\n`, /^HTTP\/1\.1 400/],
    ['8 KiB+ of headers', `GET ${BASE}/list HTTP/1.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, /^HTTP\/1\.1 431/],
    ['a bad content-length', `POST ${BASE}/create HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n`, /^HTTP\/1\.1 400/],
  ])('%s gets a JSON 4xx and a closed connection', async (_name, bytes, status) => {
    const text = await rawExchange(ctx.emulator.port, bytes);
    expect(text).toMatch(status);
    expect(text).toContain('"error_code":"MALFORMED_REQUEST"');
    await stillServing();
  });

  it('a client that hangs up mid-body does not disturb the server', async () => {
    await rawExchange(ctx.emulator.port, `POST ${BASE}/create HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ADMIN}\r\nContent-Length: 1000\r\n\r\n{"ev`);
    await stillServing();
  });
});
