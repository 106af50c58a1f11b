// A sealed world for the reliability suites: the CLI in-process with an undici dispatcher that counts
// every HTTP request hookql sends and never lets one leave this machine. Loopback requests go through
// (the emulator); any other origin (a fuzzed workspace name such as 'prod' would resolve to
// https://prod.cloud.databricks.com) is rerouted to a local sink that answers 400 EXTERNAL_BLOCKED at
// once, so such a case is counted, stays fast (400 is not retried) and never reaches a network.

import { mkdirSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, type Dispatcher } from 'undici';
import { hookql } from '../../helpers/run-cli.js';
import { DEFAULT_ADMIN_TOKEN, startEmulator, type EmulatorOptions, type RunningEmulator } from '../../../src/emulator/index.js';
import { createEngine, type EngineOptions } from '../../../src/engine.js';

export interface CliRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
  /** HTTP requests hookql sent during this run (any origin, retries and token fetches included). */
  readonly requests: number;
  /** Of those, requests meant for a non-loopback origin (rerouted to the sink). */
  readonly external: number;
  /**
   * Requests the emulator itself logged during the run: a second count, from the other end, in
   * case some code path ever sent without the injected dispatcher.
   */
  readonly reachedEmulator: number;
}

export interface Sandbox {
  readonly emu: RunningEmulator;
  /** Environment every run gets: the emulator's admin token, a private HOOKQL_HOME, no ~/.databrickscfg. */
  readonly env: Readonly<Record<string, string>>;
  readonly dir: string;
  /** A loopback URL that answers every request with 400: where generated hooks deliver to. */
  readonly receiver: string;
  /**
   * Every Authorization header value hookql sent (PATs, OAuth access tokens, Basic client
   * credentials) and its credential part: secrets the secret-leak suite could not know in advance.
   */
  readonly authorizations: ReadonlySet<string>;
  cli(args: readonly string[], options?: { env?: Record<string, string | undefined>; stdin?: string }): Promise<CliRun>;
  /** Requests the emulator logged for the workspace API (the admin endpoint is never logged). */
  emulatorRequests(): Promise<number>;
  admin(path: string, body?: unknown): Promise<unknown>;
  close(): Promise<void>;
}

const LOOPBACK = /^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/i;

export async function openSandbox(emulatorOptions: EmulatorOptions = {}): Promise<Sandbox> {
  const emu = await startEmulator({ port: 0, allowHttpTargets: true, ...emulatorOptions });
  const sink = await startSink();
  const dir = mkdtempSync(join(tmpdir(), 'hookql-reliability-'));
  const home = join(dir, 'home');
  mkdirSync(home, { recursive: true });
  let requests = 0;
  let external = 0;
  const agent = new Agent({ keepAliveTimeout: 2_000 });
  const authorizations = new Set<string>();
  const dispatcher: Dispatcher = agent.compose((dispatch) => (opts, handler) => {
    requests++;
    const auth = headerValue(opts.headers, 'authorization');
    if (auth !== undefined) authorizations.add(auth).add(auth.replace(/^\S+\s+/, ''));
    if (LOOPBACK.test(String(opts.origin).replace(/\/$/, ''))) return dispatch(opts, handler);
    external++;
    return dispatch({ ...opts, origin: sink.url }, handler);
  });
  // `local` is the emulator under test, not a second one started per engine.
  const token = emulatorOptions.token ?? DEFAULT_ADMIN_TOKEN;
  const startLocal = async () => ({ url: emu.url, token, close: async () => {} });
  const env = { DATABRICKS_TOKEN: token, HOOKQL_HOME: home, HOME: home, DATABRICKS_CONFIG_FILE: join(dir, 'no-databrickscfg') };
  const admin = async (path: string, body?: unknown) => {
    const res = await fetch(`${emu.url}/__emulator/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return res.json();
  };
  // Entries of the emulator's request log after the last one seen (`seq` never repeats, even across a reset).
  let lastSeq = 0;
  const newlyLogged = async () => {
    const { requests: log } = (await admin(`requests?since=${lastSeq}`)) as { requests: { seq: number }[] };
    if (log.length > 0) lastSeq = log[log.length - 1].seq;
    return log.length;
  };
  return {
    emu,
    env,
    dir,
    receiver: sink.url,
    authorizations,
    async cli(args, options = {}) {
      await newlyLogged(); // whatever happened since the last run is not this run's
      const before = { requests, external };
      const run = await runInProcess(args, { ...env, ...options.env }, options.stdin ?? '', (o) => createEngine({ ...o, dispatcher, startLocal }));
      return { ...run, requests: requests - before.requests, external: external - before.external, reachedEmulator: await newlyLogged() };
    },
    async emulatorRequests() {
      return ((await admin('requests')) as { requests: unknown[] }).requests.length;
    },
    admin,
    async close() {
      await agent.close();
      await emu.close();
      await new Promise<void>((resolve) => sink.server.close(() => resolve()));
    },
  };
}

/** test/helpers/run-cli.ts with the engine factory injected. */
export function runInProcess(
  args: readonly string[],
  env: Record<string, string | undefined>,
  stdin: string,
  factory: (options: EngineOptions) => ReturnType<typeof createEngine>,
): Promise<{ stdout: string; stderr: string; code: number }> {
  return hookql(args, { env, stdin, createEngine: factory });
}

/** undici passes headers as an object or as a flat [name, value, …] array. */
function headerValue(headers: unknown, name: string): string | undefined {
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2) if (String(headers[i]).toLowerCase() === name) return String(headers[i + 1]);
    return undefined;
  }
  if (headers !== null && typeof headers === 'object') {
    for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name && v !== undefined) return String(v);
  }
  return undefined;
}

async function startSink(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const body = JSON.stringify({ error_code: 'EXTERNAL_BLOCKED', message: 'the test sandbox never leaves this machine' });
      res.writeHead(400, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
}
