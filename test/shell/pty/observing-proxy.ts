// A pass-through HTTP proxy in front of the emulator that reports when a request has arrived and
// whether the client hung up before the answer: how a test knows a request is in flight, and that
// Ctrl-C really aborted it rather than waiting for it.

import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ObservingProxy {
  readonly url: string;
  /** Requests received so far. */
  readonly arrived: number;
  /** Requests whose client closed the connection before the response was sent. */
  readonly abandoned: number;
  close(): Promise<void>;
}

export async function observingProxy(target: string): Promise<ObservingProxy> {
  const counts = { arrived: 0, abandoned: 0 };
  const server: Server = createServer((req, res) => {
    counts.arrived++;
    res.on('close', () => {
      if (!res.writableFinished) counts.abandoned++;
    });
    const upstream = request(new URL(req.url ?? '/', target), { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get arrived() {
      return counts.arrived;
    },
    get abandoned() {
      return counts.abandoned;
    },
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
