// The listening socket: accepts connections (up to a limit), runs start-up, TLS and SCRAM-SHA-256
// through pg-gateway, then gives each connection its own engine and PgSession. Cancel requests
// arrive on a fresh connection and are matched to a session by the key it was given at start-up.

import { randomInt } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import { fromNodeSocket } from 'pg-gateway/node';
import type { PostgresConnection } from 'pg-gateway';
import { sharedLocalWorkspace, type Access, type Engine, type EngineOptions } from '../engine.js';
import { VERSION } from '../version.js';
import { openCatalog } from './catalog/index.js';
import { PgSession } from './pg-session.js';
import { decoySeed, decoyVerifier, type Users } from './users.js';
import { readCancelRequest, readFrontendMessage, type FrontendMessage } from './wire-reader.js';
import * as wire from './wire-writer.js';
import { PARAMETER_NAMES, REPORTED, sessionSettings } from './session-settings.js';

export interface ServeOptions {
  readonly host: string;
  readonly port: number;
  readonly users: Users;
  readonly allowWrites: boolean;
  readonly tls?: { readonly key: Buffer; readonly cert: Buffer };
  readonly maxConnections: number;
  readonly statementTimeoutMs: number;
  /** The database name in the URL and in current_database(). */
  readonly database: string;
  readonly homeDir: string;
  readonly createEngine: (options: EngineOptions) => Engine;
  readonly engineOptions: EngineOptions;
  readonly secrets: readonly string[];
  /** One line per connection event (never a password, never a statement's values). */
  readonly log: (line: string) => void;
}

export interface RunningServer {
  /** `postgresql://HOST:PORT/DATABASE` */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** What psql, drivers and BI tools read from the server at start-up. */
const SERVER_VERSION = `15.0 (hookql ${VERSION})`;

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const local = sharedLocalWorkspace(options.homeDir);
  const sessions = new Map<number, { secret: number; session: PgSession }>();
  const sockets = new Set<Socket>();
  const refused = new Set<Socket>();
  const seed = decoySeed();
  const access: Access = options.allowWrites ? { allow: 'all', hint: '' } : { allow: 'read', hint: 'hookql serve is read-only unless started with --allow-writes' };
  let nextPid = 1000;

  const server = createServer((socket) => {
    if (sockets.size >= options.maxConnections) {
      // Destroyed on close() like the others: a client may keep a refused socket open.
      refused.add(socket);
      socket.on('close', () => refused.delete(socket));
      socket.end(wire.errorResponse({ severity: 'FATAL', sqlstate: '53300', message: `sorry, too many clients already (hookql serve allows ${options.maxConnections})`, hint: 'raise --max-connections' }));
      return;
    }
    sockets.add(socket);
    // Replies go out in several small writes (authentication, then RowDescription, DataRow…):
    // with Nagle's algorithm on, each exchange waited for the client's delayed ACK (~40 ms).
    socket.setNoDelay(true);
    void accept(socket);
  });

  async function accept(socket: Socket): Promise<void> {
    const pid = nextPid++;
    const secret = randomInt(1, 2 ** 31 - 1);
    let session: PgSession | null = null;
    let closeSession: (() => Promise<void>) | null = null;
    let connection: PostgresConnection | null = null;
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      sockets.delete(socket);
      sessions.delete(pid);
      void closeSession?.();
    });
    connection = await fromNodeSocket(socket, {
      serverVersion: SERVER_VERSION,
      tls: options.tls && { key: arrayBuffer(options.tls.key), cert: arrayBuffer(options.tls.cert) },
      auth: {
        method: 'scram-sha-256',
        getScramSha256Data: ({ username }) => options.users.get(username) ?? decoyVerifier(username, seed),
      },
      async onAuthenticated(state) {
        const user = state.clientParams?.user ?? '';
        const engine = options.createEngine({ ...options.engineOptions, homeDir: options.homeDir, deadlineMs: options.statementTimeoutMs, startLocal: local.startLocal });
        const services = [...new Set([...engine.registry.resources.values()].map((d) => d.service))].sort();
        const settings = sessionSettings({ user, applicationName: state.clientParams?.application_name ?? '', services, serverVersion: SERVER_VERSION, allowWrites: options.allowWrites, statementTimeoutMs: options.statementTimeoutMs });
        const catalog = openCatalog([...engine.registry.resources.values()], { database: options.database, user, settings, version: `PostgreSQL ${SERVER_VERSION}`, pid, port: (socket.address() as { port?: number }).port ?? 0 });
        session = new PgSession({ engine, catalog, settings, access, secrets: options.secrets });
        sessions.set(pid, { secret, session });
        closeSession = async () => {
          catalog.close();
          await engine.close();
        };
        options.log(`connection ${pid}: user ${user} from ${socket.remoteAddress ?? '?'}${state.tlsInfo ? ' (TLS)' : ''}`);
        // pg-gateway sends AuthenticationOk, then server_version and ReadyForQuery; the key for
        // cancel requests and the parameters drivers read go out in between, as PostgreSQL sends them.
        const writer = connection?.streamWriter;
        for (const [name, value] of settings) if (REPORTED.has(name)) await writer?.write(wire.parameterStatus(PARAMETER_NAMES[name] ?? name, value));
        await writer?.write(wire.backendKeyData(pid, secret));
      },
      async onMessage(data, state) {
        if (!state.hasStarted) {
          const cancel = readCancelRequest(data);
          if (cancel === null) return undefined;
          const target = sessions.get(cancel.pid);
          if (target && target.secret === cancel.secret) target.session.cancel();
          await connection?.detach();
          socket.destroy();
          return undefined;
        }
        if (!state.isAuthenticated || session === null) return undefined;
        let message: FrontendMessage;
        try {
          message = readFrontendMessage(data);
        } catch {
          // A message that does not decode: say so and hang up, as PostgreSQL does.
          socket.end(wire.errorResponse({ severity: 'FATAL', sqlstate: '08P01', message: 'invalid frontend message' }));
          return [new Uint8Array(0)];
        }
        if (message.kind === 'terminate') return undefined;
        const out = await session.handle(message);
        // An empty answer (Flush, messages skipped after an error) must still count as handled.
        return out.length > 0 ? out : [new Uint8Array(0)];
      },
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `postgresql://${host}:${port}/${options.database}`,
    port,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of [...sockets, ...refused]) s.destroy();
      });
      await local.close();
    },
  };
}

function arrayBuffer(b: Buffer): ArrayBuffer {
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}
