// A real `hookql serve` in-process on 127.0.0.1:0, in front of a real emulator, for clients no one
// here wrote (psql, node-postgres, psycopg) to connect to.

import { spawn, spawnSync } from 'node:child_process';
import { createEngine } from '../../src/engine.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { startServer, type RunningServer } from '../../src/serve/index.js';
import { loadUsers } from '../../src/serve/users.js';
import { tempHome } from '../helpers/temp-home.js';

export const TOKEN = 'serve-test-token';
export const USER = 'alice';
export const PASSWORD = 'pa:ss w0rd';
export const RESOURCE = 'databricks_workspace.ml.model_registry_webhooks';

export interface ServeFixture {
  readonly emulator: RunningEmulator;
  readonly server: RunningServer;
  /** The emulator's URL: the `workspace` value that reaches it. */
  readonly workspace: string;
  readonly home: string;
  /** What the server logged (one line per connection). */
  readonly log: readonly string[];
  close(): Promise<void>;
}

export interface FixtureOptions {
  readonly allowWrites?: boolean;
  readonly faults?: string;
  readonly tls?: { readonly key: Buffer; readonly cert: Buffer };
  readonly maxConnections?: number;
  /** The one user (password PASSWORD); default USER. */
  readonly user?: string;
  /** Models to seed one webhook each for (through the engine, see seed()). */
  readonly models?: readonly string[];
}

export async function startFixture(options: FixtureOptions = {}): Promise<ServeFixture> {
  const home = tempHome();
  const emulator = await startEmulator({ dbPath: ':memory:', token: TOKEN, allowHttpTargets: true, faults: options.faults });
  const env = { DATABRICKS_TOKEN: TOKEN, HOOKQL_HOME: home };
  const log: string[] = [];
  const server = await startServer({
    host: '127.0.0.1',
    port: 0,
    users: await loadUsers({ env: { HOOKQL_SERVE_USER: options.user ?? USER, HOOKQL_SERVE_PASSWORD: PASSWORD } }),
    allowWrites: options.allowWrites ?? false,
    tls: options.tls,
    maxConnections: options.maxConnections ?? 8,
    statementTimeoutMs: 20_000,
    database: 'hookql',
    homeDir: home,
    createEngine,
    engineOptions: { env },
    secrets: [TOKEN],
    log: (line) => log.push(line),
  });
  const fixture: ServeFixture = {
    emulator,
    server,
    workspace: emulator.url,
    home,
    log,
    async close() {
      await server.close();
      await emulator.close();
    },
  };
  if (options.models) await seed(fixture, options.models);
  return fixture;
}

/** Seeds webhooks straight through the engine (not through the server under test). */
export async function seed(fixture: ServeFixture, models: readonly string[]): Promise<void> {
  const engine = createEngine({ env: { DATABRICKS_TOKEN: TOKEN, HOOKQL_HOME: fixture.home } });
  try {
    for (const m of models) {
      await engine.run(
        `INSERT INTO ${RESOURCE} (workspace, model_name, events, http_url_spec) SELECT '${fixture.workspace}', '${m}', '["MODEL_VERSION_CREATED"]', '{"url": "https://hooks.example.com/${m}", "secret": "hunter2-${m}"}'`,
      );
    }
  } finally {
    await engine.close();
  }
}

export { pythonWith } from '../helpers/python-with.js';

/** A client binary, or null. In CI (CI=true) a missing binary fails the suite instead of skipping it. */
export function binary(name: string): string | null {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  if (found.status === 0) return found.stdout.trim();
  if (process.env.CI === 'true') throw new Error(`${name} is not installed; .ci/run installs it (apt-get install -y postgresql)`);
  return null;
}

export interface ProcessRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number | null;
}

/** Runs a client process without blocking the event loop (the server under test runs in this process). */
export function runProcess(command: string, args: readonly string[], env: Record<string, string>, input?: string): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, status });
    });
    child.stdin.end(input ?? '');
  });
}
