// Shared test helpers: an emulator on 127.0.0.1:0, a small JSON client over real HTTP (undici), and
// a webhook receiver that records what it was sent. Nothing here talks to anything but 127.0.0.1.

import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { afterAll, beforeAll } from 'vitest';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/index.js';

export const ADMIN = 'dev-token';
export const USER = 'user-token';
export const BASE = '/api/2.0/mlflow/registry-webhooks';

export interface HttpReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: any;
  text: string;
}

export interface SendOptions {
  token?: string | null;
  query?: string;
  body?: unknown;
  /** Sent as-is (string or bytes), without JSON encoding. */
  raw?: string | Buffer;
  headers?: Record<string, string>;
}

/** A fresh agent per client, so a dropped connection in one test cannot disturb another. */
export function client(baseUrl: string) {
  const agent = new Agent({ keepAliveTimeout: 1000 });
  const send = async (method: string, path: string, options: SendOptions = {}): Promise<HttpReply> => {
    const token = options.token === undefined ? ADMIN : options.token;
    const headers: Record<string, string> = { ...options.headers };
    if (token !== null) headers.authorization = `Bearer ${token}`;
    let body: string | Buffer | undefined = options.raw;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const url = `${baseUrl}${path}${options.query ? `?${options.query}` : ''}`;
    const response = await request(url, { method: method as 'GET', headers, body, dispatcher: agent });
    const text = await response.body.text();
    let parsed: unknown = undefined;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: response.statusCode, headers: response.headers, body: parsed, text };
  };
  return { send, close: () => agent.close() };
}

export type Client = ReturnType<typeof client>;

/** Starts one emulator (and client) for the whole file; tests reset state through the admin endpoint. */
export function useEmulator(options: EmulatorOptions = {}) {
  const ref = {} as { emulator: RunningEmulator; api: Client };
  beforeAll(async () => {
    ref.emulator = await startEmulator({ userToken: USER, allowHttpTargets: true, ...options });
    ref.api = client(ref.emulator.url);
  });
  afterAll(async () => {
    await ref.api?.close();
    await ref.emulator?.close();
  });
  return ref;
}

export async function reset(api: Client): Promise<void> {
  const reply = await api.send('POST', '/__emulator/reset');
  if (reply.status !== 200) throw new Error(`reset failed: ${reply.text}`);
}

export const httpHook = (over: Record<string, unknown> = {}) => ({
  model_name: 'churn-model',
  events: ['MODEL_VERSION_CREATED'],
  http_url_spec: { url: 'https://hooks.example.com/x', secret: 'shh-secret', authorization: 'Bearer rcv-token' },
  ...over,
});

export const jobHook = (over: Record<string, unknown> = {}) => ({
  model_name: 'churn-model',
  events: ['MODEL_VERSION_TRANSITIONED_TO_PRODUCTION'],
  job_spec: { job_id: '1234', access_token: 'job-access-token' },
  ...over,
});

export async function create(api: Client, hook: Record<string, unknown>, token: string = ADMIN): Promise<any> {
  const reply = await api.send('POST', `${BASE}/create`, { body: hook, token });
  if (reply.status !== 200) throw new Error(`create failed: ${reply.status} ${reply.text}`);
  return reply.body.webhook;
}

export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A webhook receiver on 127.0.0.1:0 that records each request and answers with `respond`. */
export async function startReceiver(respond: (r: Received) => { status: number; body: string } | null = () => ({ status: 200, body: 'OK' })) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
      received.push(r);
      const answer = respond(r);
      if (answer === null) return; // never answer: for timeout tests
      res.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
