// `hookql emulator`: runs the local workspace emulator in the foreground. Prints the base URL as the
// first line of stdout (scripts read it), the tokens on stderr, and serves until SIGINT/SIGTERM.

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ListenError, UsageError } from '../errors.js';
import { ensurePrivateDir, ensurePrivateFile, tightenDatabaseFiles } from '../util/private-files.js';
import { hookqlHome } from '../util/hookql-home.js';
import { Command, InvalidArgumentError } from 'commander';
import { DEFAULT_ADMIN_TOKEN, parseFaultSpec, startEmulator, type EmulatorOptions } from '../emulator/index.js';
import type { Engine, EngineOptions } from '../engine.js';
import { untilStopped } from './until-stopped.js';

export interface EmulatorCommandIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** Defaults to process.env (HOOKQL_HOME). */
  readonly env?: Record<string, string | undefined>;
  /** Stops the emulator like SIGINT does; lets tests run the command in-process. */
  readonly signal?: AbortSignal;
  /** The engine --demo runs its statements with (the CLI passes its own; default createEngine). */
  readonly createEngine?: (options: EngineOptions) => Engine;
  /** Where --demo reports its exit status (1 when a delivery never succeeded). */
  readonly setExitCode?: (code: number) => void;
}

interface Flags {
  port: number;
  host: string;
  db?: string;
  token: string;
  userToken?: string;
  userCanManage?: string[];
  clientId?: string;
  clientSecret?: string;
  allowHttpTargets?: boolean;
  allowPrivateTargets?: boolean;
  faults?: string;
  tokenTtl?: number;
  accountId?: string;
  accountWorkspace?: { url: string; status?: string }[];
  federationIssuer?: string;
  demo?: string;
}

export function emulatorCommand(io: EmulatorCommandIo): Command {
  return new Command('emulator')
    .description('run the local Databricks workspace emulator (model registry and webhooks APIs, deliveries, faults; --demo runs a sample lifecycle)')
    .option('--port <n>', 'port to listen on; 0 picks a free port', parseWholeNumber('--port', 65535), 0)
    .option('--host <address>', 'interface to bind', '127.0.0.1')
    .option('--db <file>', "SQLite state file, or ':memory:' (default: $HOOKQL_HOME/emulator.db)")
    .option('--token <token>', 'admin bearer token', DEFAULT_ADMIN_TOKEN)
    .option('--user-token <token>', 'a non-admin bearer token (user@example.com); it manages only the webhooks of models it can manage')
    .option('--user-can-manage <model>', 'give the --user-token user CAN_MANAGE on this model (repeatable)', collect, [])
    .option('--client-id <id>', 'OAuth M2M client id accepted by /oidc/v1/token')
    .option('--client-secret <secret>', 'OAuth M2M client secret (with --client-id)')
    .option('--token-ttl <seconds>', 'lifetime of issued M2M tokens', parseWholeNumber('--token-ttl', 86_400, 1), 3600)
    .option('--allow-http-targets', 'accept http://127.0.0.1 and http://localhost webhook URLs (and deliver to loopback addresses)')
    .option('--allow-private-targets', 'deliver to private and link-local addresses too (refused by default: SSRF)')
    .option('--faults <spec>', 'inject faults, e.g. latency=20,503=0.1,drop-after=0.02,seed=7', checkFaultSpec)
    .option('--account-id <id>', 'also serve the accounts API (and account OIDC) of this account')
    .option('--account-workspace <url[=STATUS]>', 'a workspace of the account: another emulator URL (repeatable)', collectWorkspace)
    .option('--federation-issuer <iss>', 'accept OIDC token exchange of JWTs from this issuer (CI workload identity)')
    .option('--demo <receiver-url>', 'run a sample model lifecycle that delivers signed events to your receiver, then exit (secret: $HOOKQL_DEMO_SECRET)', checkReceiverUrl)
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .exitOverride()
    .action(async (flags: Flags, command: Command) => {
      if ((flags.clientId === undefined) !== (flags.clientSecret === undefined)) {
        command.error('error: --client-id and --client-secret must be given together', { exitCode: 2, code: 'hookql.usage' });
      }
      if (flags.accountWorkspace !== undefined && flags.accountId === undefined) {
        command.error('error: --account-workspace needs --account-id', { exitCode: 2, code: 'hookql.usage' });
      }
      if (!isLoopbackHost(flags.host) && flags.token === DEFAULT_ADMIN_TOKEN) {
        throw new UsageError(`--host ${flags.host} makes the emulator reachable from the network, and its default admin token '${DEFAULT_ADMIN_TOKEN}' is known to everyone`, {
          hint: 'pass --token with a secret of your own (e.g. --token "$(openssl rand -hex 16)")',
        });
      }
      const options = toOptions(flags, io.env ?? process.env);
      if (flags.demo !== undefined) await demo(options, flags.demo, io);
      else await serve(options, io);
    });
}

async function serve(options: EmulatorOptions, io: EmulatorCommandIo): Promise<void> {
  if (options.dbPath !== undefined && options.dbPath !== ':memory:') ensurePrivateFile(options.dbPath);
  const emulator = await start(options);
  if (options.dbPath !== undefined && options.dbPath !== ':memory:') tightenDatabaseFiles(options.dbPath);
  // Listening for SIGINT/SIGTERM before the URL is out: a script that reads it and stops us at once must find us stoppable.
  const stopped = untilStopped(io.signal);
  io.stdout.write(`${emulator.url}\n`);
  io.stderr.write(
    [
      `hookql emulator: serving the model registry and registry-webhooks APIs on ${emulator.url}`,
      `  state: ${options.dbPath}`,
      `  admin token: ${options.token}`,
      ...(options.userToken ? [`  user token: ${options.userToken}${canManage(options.userCanManage)}`] : []),
      ...(options.clientId ? [`  OAuth M2M client id: ${options.clientId}`] : []),
      ...(options.faults ? [`  faults: ${options.faults}`] : []),
      ...(options.account ? [`  account: ${options.account.id} (${options.account.workspaces.length} workspaces)`] : []),
      '  press Ctrl+C to stop',
      '',
    ].join('\n'),
  );
  await stopped;
  await emulator.close();
  io.stderr.write('hookql emulator: stopped\n');
}

/** The emulator started, or a typed error a user can act on (a taken port, a file that is not a database). */
async function start(options: EmulatorOptions) {
  try {
    return await startEmulator(options);
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    const where = `${options.host ?? '127.0.0.1'}:${options.port ?? 0}`;
    if (code === 'EADDRINUSE') throw new ListenError(`cannot listen on ${where}: the port is already in use`, { hint: 'stop what uses it, pick another --port, or --port 0 for any free one' });
    if (code === 'EADDRNOTAVAIL' || code === 'EACCES') throw new ListenError(`cannot listen on ${where}: ${code === 'EACCES' ? 'permission denied' : 'not an address of this machine'}`, { hint: 'check --host and --port' });
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new UsageError(`--db ${options.dbPath}: the file is not an emulator database (SQLite: ${(err as Error).message})`, { hint: 'point --db to a new file or one the emulator made; it never overwrites other files' });
    }
    if (code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_READONLY') throw new UsageError(`--db ${options.dbPath}: cannot open it for writing`, { hint: 'check the file and folder permissions' });
    throw err;
  }
}

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || /^127\./.test(host) || host === '::1';
}

function canManage(models: readonly string[] | undefined): string {
  return models && models.length > 0 ? ` (can manage ${models.join(', ')})` : '';
}

/**
 * A fresh emulator (in memory unless --db says otherwise) that accepts http://127.0.0.1 receivers and
 * retries quickly, so the demo ends a few seconds after the last delivery.
 */
async function demo(options: EmulatorOptions, receiver: string, io: EmulatorCommandIo): Promise<void> {
  const emulator = await startEmulator({
    ...options,
    dbPath: options.dbPath === defaultDb(io.env ?? process.env) ? ':memory:' : options.dbPath,
    allowHttpTargets: true,
    deliveryRetry: { attempts: 3, baseDelayMs: 250 },
  });
  io.stdout.write(`${emulator.url}\n`);
  try {
    const { runDemo } = await import('./emulator-demo.js');
    const createEngine = io.createEngine ?? (await import('../engine.js')).createEngine;
    const code = await runDemo({ stdout: io.stdout, stderr: io.stderr, env: io.env ?? process.env, createEngine }, emulator.url, options.token ?? DEFAULT_ADMIN_TOKEN, receiver);
    io.setExitCode?.(code);
    if (code !== 0) io.stderr.write('hookql demo: some deliveries never succeeded (see status_code and error above)\n');
  } finally {
    await emulator.close();
  }
}

function checkReceiverUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError(`'${value}' is not a URL; give your receiver's, e.g. http://127.0.0.1:8000/hook`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidArgumentError('the receiver URL must be http:// or https://');
  return value;
}

function defaultDb(env: Record<string, string | undefined>): string {
  return join(hookqlHome(env), 'emulator.db');
}

function toOptions(flags: Flags, env: Record<string, string | undefined>): EmulatorOptions {
  const dbPath = flags.db ?? defaultDb(env);
  // A typo in --db must not silently make folders: only the default home is created (owner-only:
  // the state holds webhook secrets in clear).
  if (flags.db !== undefined && flags.db !== ':memory:' && !existsSync(dirname(flags.db))) {
    throw new UsageError(`--db ${flags.db}: the folder ${dirname(flags.db)} does not exist`, { hint: 'create it first, or fix the path' });
  }
  if (flags.db === undefined) ensurePrivateDir(dirname(dbPath));
  return {
    host: flags.host,
    port: flags.port,
    dbPath,
    token: flags.token,
    userToken: flags.userToken,
    userCanManage: flags.userCanManage,
    clientId: flags.clientId,
    clientSecret: flags.clientSecret,
    tokenTtlSeconds: flags.tokenTtl,
    allowHttpTargets: flags.allowHttpTargets ?? false,
    allowPrivateTargets: flags.allowPrivateTargets ?? false,
    faults: flags.faults,
    ...(flags.accountId ? { account: { id: flags.accountId, workspaces: flags.accountWorkspace ?? [] } } : {}),
    ...(flags.federationIssuer ? { federation: { issuer: flags.federationIssuer } } : {}),
    // Reproducible ids for docs and demos (see docs/contributing-docs.md); random when unset.
    idSeed: env.HOOKQL_EMULATOR_SEED || undefined,
  };
}

function collectWorkspace(value: string, previous: { url: string; status?: string }[] = []): { url: string; status?: string }[] {
  const eq = value.lastIndexOf('=');
  const [url, status] = eq > 'http://'.length ? [value.slice(0, eq), value.slice(eq + 1)] : [value, undefined];
  if (!/^https?:\/\/\S+$/.test(url)) throw new InvalidArgumentError(`--account-workspace needs a URL, got '${value}'.`);
  return [...previous, status === undefined ? { url } : { url, status }];
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseWholeNumber(flag: string, max: number, min = 0): (value: string) => number {
  return (value) => {
    const n = /^\d{1,6}$/.test(value) ? Number(value) : NaN;
    if (!(n >= min && n <= max)) throw new InvalidArgumentError(`${flag} needs a whole number from ${min} to ${max}.`);
    return n;
  };
}

function checkFaultSpec(value: string): string {
  try {
    parseFaultSpec(value);
  } catch (error) {
    throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
  }
  return value;
}
