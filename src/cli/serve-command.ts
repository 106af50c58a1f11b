// `hookql serve`: the PostgreSQL wire-protocol server. Prints its URL as the first line of stdout
// (scripts read it), what it serves on stderr, and serves until SIGINT/SIGTERM.

import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError, UsageError } from '../errors.js';
import { hookqlHome } from '../util/hookql-home.js';
import { envSecrets, isDebug, type CliIo } from './io.js';
import { untilStopped } from './until-stopped.js';

interface Flags {
  host: string;
  port: number;
  users?: string;
  allowWrites?: boolean;
  tlsCert?: string;
  tlsKey?: string;
  maxConnections: number;
  statementTimeout: number;
  database: string;
}

export interface ServeCommandIo extends CliIo {
  /** Stops the server like SIGINT does; lets tests run the command in-process. */
  readonly signal?: AbortSignal;
}

export function serveCommand(io: ServeCommandIo): Command {
  return new Command('serve')
    .description('serve SQL over the PostgreSQL wire protocol (psql, drivers, BI tools); read-only unless --allow-writes')
    .option('--host <address>', 'interface to listen on', '127.0.0.1')
    .option('--port <n>', 'port to listen on; 0 picks a free port', wholeNumber('--port', 0, 65535), 5433)
    .option('--users <file>', 'user:password or user:SCRAM-SHA-256$… lines (else HOOKQL_SERVE_USER / HOOKQL_SERVE_PASSWORD)')
    .option('--allow-writes', 'let clients run INSERT, UPDATE, DELETE and EXEC')
    .option('--tls-cert <file>', 'PEM certificate: clients must connect with TLS (with --tls-key)')
    .option('--tls-key <file>', 'PEM private key of --tls-cert')
    .option('--max-connections <n>', 'connections served at once', wholeNumber('--max-connections', 1, 10_000), 16)
    .option('--statement-timeout <seconds>', 'deadline of one statement', wholeNumber('--statement-timeout', 1, 86_400), 120)
    .option('--database <name>', 'the database name clients connect to', 'hookql')
    .action(async (flags: Flags) => {
      await serve(flags, io);
    });
}

async function serve(flags: Flags, io: ServeCommandIo): Promise<void> {
  if ((flags.tlsCert === undefined) !== (flags.tlsKey === undefined)) throw new UsageError('--tls-cert and --tls-key go together', { hint: 'give both, or neither' });
  const { loadUsers, startServer } = await import('../serve/index.js');
  const users = await loadUsers({ file: flags.users, env: io.env });
  const server = await startServer({
    host: flags.host,
    port: flags.port,
    users,
    allowWrites: flags.allowWrites ?? false,
    tls: flags.tlsCert === undefined || flags.tlsKey === undefined ? undefined : { cert: readPem(flags.tlsCert), key: readPem(flags.tlsKey) },
    maxConnections: flags.maxConnections,
    statementTimeoutMs: flags.statementTimeout * 1000,
    database: flags.database,
    homeDir: hookqlHome(io.env),
    createEngine: io.createEngine,
    engineOptions: { env: io.env, debug: isDebug(io.env) ? (line) => io.stderr.write(`debug: ${line}\n`) : undefined },
    secrets: envSecrets(io.env),
    log: (line) => io.stderr.write(`hookql serve: ${line}\n`),
  });
  // Listening for SIGINT/SIGTERM before the URL is out: a script that reads it and stops us at once must find us stoppable.
  const stopped = untilStopped(io.signal);
  io.stdout.write(`${server.url}\n`);
  if (!isLoopback(flags.host) && flags.tlsCert === undefined) {
    io.stderr.write(`hookql serve: warning: listening on ${flags.host} without TLS; passwords are never sent (SCRAM), but statements and rows are (add --tls-cert/--tls-key)\n`);
  }
  io.stderr.write(
    [
      `hookql serve: PostgreSQL protocol on ${server.url} (${flags.allowWrites ? 'writes allowed' : 'read-only'}, SCRAM-SHA-256${flags.tlsCert ? ', TLS required' : ''}, ${users.size} user${users.size === 1 ? '' : 's'})`,
      `  psql "${server.url}?user=${[...users.keys()][0]}"`,
      '  press Ctrl+C to stop',
      '',
    ].join('\n'),
  );
  await stopped;
  await server.close();
  io.stderr.write('hookql serve: stopped\n');
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

function readPem(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new ConfigError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { hint: 'check the --tls-cert / --tls-key paths' });
  }
}

function wholeNumber(flag: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const n = /^\d{1,6}$/.test(value) ? Number(value) : NaN;
    if (!(n >= min && n <= max)) throw new InvalidArgumentError(`${flag} needs a whole number from ${min} to ${max}.`);
    return n;
  };
}
