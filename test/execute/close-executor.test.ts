// Closing an executor (http-transport.ts): with nothing in flight its keep-alive connections are
// dropped at once; a request still out is answered first, never cut off by the close.

import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { apiRequest, testExecutor } from './helpers/requests.js';

let server: http.Server | null = null;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

/** A server answering `{ ok: true }` after `delayMs`, and the sockets clients opened to it. */
async function start(delayMs: number): Promise<{ url: string; sockets: Socket[] }> {
  const sockets: Socket[] = [];
  server = http.createServer((_req, res) => {
    setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'), delayMs);
  });
  server.on('connection', (s: Socket) => sockets.push(s));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, sockets };
}

const closed = (s: Socket) => new Promise<void>((resolve) => (s.destroyed ? resolve() : s.once('close', () => resolve())));

describe('closing an executor', () => {
  it('drops its idle keep-alive connections', async () => {
    const { url, sockets } = await start(0);
    const executor = testExecutor();
    await Promise.all([1, 2, 3].map(() => executor.call(apiRequest(url))));
    expect(sockets.length).toBeGreaterThan(0);
    expect(sockets.every((s) => !s.destroyed)).toBe(true); // kept alive until the close
    await executor.close();
    await Promise.all(sockets.map(closed));
  });

  it('lets a request that is still out get its answer', async () => {
    const { url } = await start(150);
    const executor = testExecutor();
    const call = executor.call(apiRequest(url));
    // Closed while the request waits for its answer.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closing = executor.close();
    await expect(call).resolves.toEqual({ ok: true });
    await closing;
  });
});
