// A hostile workspace: a real HTTP server on 127.0.0.1:0 that plays one misbehaviour at a time on
// the webhooks API (like the emulator's faults, but wrong shapes, oversize and endless answers).
// Every request it sees is counted, so a test can also say how far the client let it go.

import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Misbehaviour =
  /** 200 that streams `{"webhooks":[{…},{…},…` and never ends. */
  | { readonly kind: 'endless-body' }
  /** 200 whose Content-Length announces `bytes` (only the start is sent). */
  | { readonly kind: 'declared-length'; readonly bytes: number }
  /** 200 with this exact text on every endpoint. */
  | { readonly kind: 'body'; readonly text: string; readonly status?: number }
  /** Every list page answers one row and a token never seen before. */
  | { readonly kind: 'endless-pages' }
  /** List answers correctly; create answers this text. */
  | { readonly kind: 'create-answers'; readonly text: string }
  /** Answers whatever `server.next` holds at the time (one server for many fuzz cases). */
  | { readonly kind: 'scripted' };

export interface HostileServer {
  readonly url: string;
  /** Requests received (by path). */
  readonly requests: string[];
  /** Bytes written to response bodies. */
  bytesSent: number;
  /** For `scripted`: the next reply. */
  next: { status: number; text: string };
  close(): Promise<void>;
}

const ROW = JSON.stringify({ id: '0123456789abcdef0123456789abcdef', events: ['MODEL_VERSION_CREATED'], status: 'ACTIVE', http_url_spec: { url: 'https://example.com/h' } });

export async function startHostileServer(m: Misbehaviour): Promise<HostileServer> {
  const state: HostileServer = { url: '', requests: [], bytesSent: 0, next: { status: 200, text: '{}' }, close: async () => {} };
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      state.requests.push(new URL(req.url ?? '/', 'http://x').pathname);
      play(m, req, res, state);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}

function play(m: Misbehaviour, req: http.IncomingMessage, res: http.ServerResponse, state: HostileServer): void {
  const send = (status: number, text: string) => {
    state.bytesSent += Buffer.byteLength(text);
    res.writeHead(status, { 'content-type': 'application/json' }).end(text);
  };
  switch (m.kind) {
    case 'endless-body':
      return streamForever(res, state);
    case 'declared-length':
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(m.bytes) });
      res.write('{"webhooks":[');
      return;
    case 'body':
      return send(m.status ?? 200, m.text);
    case 'endless-pages': {
      const n = state.requests.length;
      return send(200, `{"webhooks":[${ROW.replace('0123456789abcdef', String(n).padStart(16, '0'))}],"next_page_token":"t${n}"}`);
    }
    case 'create-answers':
      return req.url?.includes('/create') ? send(200, m.text) : send(200, '{}');
    case 'scripted':
      return send(state.next.status, state.next.text);
  }
}

/** Writes 64 KiB chunks as fast as the client reads them, until the client hangs up. */
function streamForever(res: http.ServerResponse, state: HostileServer): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('{"webhooks":[');
  const chunk = `${ROW},`.repeat(Math.ceil(65536 / (ROW.length + 1)));
  const pump = (): void => {
    while (!res.destroyed) {
      state.bytesSent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
  };
  res.on('close', () => res.destroy());
  pump();
}
