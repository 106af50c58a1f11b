// The request pipeline around the router: read the body (capped), draw faults, dispatch, log the
// request with secrets redacted, answer (or drop the connection). Every failure becomes an error
// envelope; nothing a client sends can crash or hang the process.

import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { ApiError, toReply } from './wire/api-error.js';
import { ADMIN_PREFIX } from './admin/admin-routes.js';
import type { EmulatorContext } from './emulator-context.js';
import type { FaultDecision, FaultKind } from './faults/faults.js';
import { decodeUtf8, readBody } from './wire/read-body.js';
import { jsonPayload } from './wire/json-text.js';
import { redactBody, redactQuery } from './wire/redact.js';
import { endpointNotFound, type Router } from './router.js';
import type { Reply } from './types.js';

const NO_FAULT: FaultDecision = { latencyMs: 0 };

export function createEmulatorServer(ctx: EmulatorContext, router: Router): Server {
  // Cancels injected delays still pending when the server closes.
  const delays = new InjectedDelays();
  const server = createServer((req, res) => {
    handle(ctx, router, req, res, delays).catch(() => res.destroy());
  });
  server.once('close', () => delays.cancelAll());
  // Bound slow clients (slowloris) so a stalled request cannot hold a socket forever.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.on('clientError', answerClientError);
  // Node hands CONNECT to this event instead of the request handler; it is no proxy. Answered like any
  // other method + path the service does not route (router.ts).
  server.on('connect', (req: IncomingMessage, socket: Socket) => {
    const error = endpointNotFound('CONNECT', req.url ?? '');
    writeRawError(socket, error.status, String(error.errorCode), error.message);
  });
  return server;
}

async function handle(ctx: EmulatorContext, router: Router, req: IncomingMessage, res: ServerResponse, delays: InjectedDelays): Promise<void> {
  const method = req.method ?? 'GET';
  const { path, rawQuery } = splitUrl(req.url ?? '/');
  // The admin endpoint is never faulted, so tests can always inspect and reset the emulator.
  const isAdmin = path.startsWith(ADMIN_PREFIX);
  const decision = isAdmin ? NO_FAULT : ctx.faults.next();
  let loggedBody: unknown = null;
  let reply: Reply;
  try {
    const raw = await readBody(req);
    loggedBody = raw.length === 0 ? null : `<${raw.length} bytes, not UTF-8>`;
    const text = decodeUtf8(raw);
    loggedBody = redactBody(text, req.headers['content-type']);
    if (decision.latencyMs > 0) await delays.wait(decision.latencyMs);
    if (decision.fault === 'drop-before') {
      logRequest(ctx, isAdmin, { method, path, query: redactQuery(rawQuery), status: null, body: loggedBody, fault: decision.fault });
      return drop(res);
    }
    reply = injectedReply(decision.fault) ?? (await router.dispatch({ method, path, query: new URLSearchParams(rawQuery), headers: req.headers, text }));
  } catch (error) {
    reply = toReply(error);
    if (error instanceof ApiError && error.status === 413) {
      // The rest of the body is never read; closing is the only way to get rid of it.
      reply = { ...reply, headers: { ...reply.headers, Connection: 'close' } };
      loggedBody = '<over 1 MiB, not read>';
    }
  }
  logRequest(ctx, isAdmin, { method, path, query: redactQuery(rawQuery), status: reply.status, body: loggedBody, fault: decision.fault });
  // drop-after: the change is applied (and acknowledged in the log) but the client never hears back.
  if (decision.fault === 'drop-after') return drop(res);
  send(res, reply);
}

/**
 * Injected latency, each delay cancellable when the server closes (then it fails as an aborted
 * timers/promises sleep does). One set for all delays rather than a listener per delayed request on
 * one AbortSignal: 16 requests in flight passed Node's listener warning threshold, and each listener
 * cost more than the sleep itself (bench B4).
 */
class InjectedDelays {
  private readonly pending = new Set<() => void>();

  wait(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(cancel);
        resolve();
      }, ms);
      const cancel = () => {
        clearTimeout(timer);
        reject(Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR' }));
      };
      this.pending.add(cancel);
    });
  }

  cancelAll(): void {
    const all = [...this.pending];
    this.pending.clear();
    all.forEach((cancel) => cancel());
  }
}

function injectedReply(fault: FaultKind | undefined): Reply | undefined {
  switch (fault) {
    case '429':
      return new ApiError(429, 'REQUEST_LIMIT_EXCEEDED', 'Too many requests (injected fault).', { 'Retry-After': '1' }).toReply();
    case '500':
      return new ApiError(500, 'INTERNAL_ERROR', 'Internal error (injected fault).').toReply();
    case '503':
      return new ApiError(503, 'TEMPORARILY_UNAVAILABLE', 'The service is temporarily unavailable (injected fault).').toReply();
    default:
      return undefined;
  }
}

interface LogFields {
  method: string;
  path: string;
  query: string;
  status: number | null;
  body: unknown;
  fault?: string;
}

/** Admin calls are not logged: the log is what clients of the workspace API did. */
function logRequest(ctx: EmulatorContext, isAdmin: boolean, fields: LogFields): void {
  if (isAdmin) return;
  const { fault, ...rest } = fields;
  ctx.log.requests.push({ timestamp: Date.now(), ...rest, ...(fault ? { fault } : {}) });
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  const payload = jsonPayload(reply.body);
  res.writeHead(reply.status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(payload),
    ...reply.headers,
  });
  res.end(payload);
}

function drop(res: ServerResponse): void {
  res.socket?.destroy();
  res.destroy();
}

/** The path as sent (never normalised: `/__emulator/../x` is simply not a route) and the raw query. */
function splitUrl(url: string): { path: string; rawQuery: string } {
  const mark = url.indexOf('?');
  return mark < 0 ? { path: url, rawQuery: '' } : { path: url.slice(0, mark), rawQuery: url.slice(mark + 1) };
}

/** Malformed HTTP (bad request line, oversized headers, timeouts) still gets a JSON envelope. */
function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  writeRawError(socket, status, 'MALFORMED_REQUEST', `Malformed HTTP request (${error.code ?? 'unknown'}).`);
}

/** An error envelope written straight to a socket Node's HTTP layer has given up on, then closed. */
function writeRawError(socket: Socket, status: number, code: string, message: string): void {
  const body = JSON.stringify({ error_code: code, message });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
