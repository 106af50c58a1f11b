// A real PostgreSQL server for the snapshot tests: initdb + pg_ctl from the machine's PostgreSQL
// (`pg_config --bindir`) in a temp dir, on 127.0.0.1 and a free port, password (SCRAM) auth. initdb
// refuses to run as root, so as root it runs as the `postgres` system user. Without PostgreSQL the
// suites skip, except in CI (CI=true), where .ci/run installs it and a missing server is a failure.

import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PostgresServer {
  /** postgresql://hookql:PASSWORD@127.0.0.1:PORT/postgres */
  readonly url: string;
  readonly password: string;
  stop(): void;
}

export const PG_PASSWORD = 'pg-Secret-42';

function binDir(): string | null {
  const configured = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (configured.status === 0 && existsSync(join(configured.stdout.trim(), 'initdb'))) return configured.stdout.trim();
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const version = readdirSync(root).sort().pop();
  return version && existsSync(join(root, version, 'bin', 'initdb')) ? join(root, version, 'bin') : null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Starts a server, or returns null (outside CI) when PostgreSQL is not installed. */
export async function startPostgres(): Promise<PostgresServer | null> {
  const bin = binDir();
  if (bin === null) {
    if (process.env.CI === 'true') throw new Error('PostgreSQL is not installed; .ci/run installs it (apt-get install -y postgresql)');
    console.warn('PostgreSQL binaries not found: the PostgreSQL snapshot suite is skipped');
    return null;
  }
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'hookql-pg-'));
  const data = join(dir, 'data');
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, PG_PASSWORD + '\n');
  if (asRoot) {
    const pgUser = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const uid = Number(pgUser.stdout.trim());
    const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    chownSync(dir, uid, gid);
    chownSync(pwfile, uid, gid);
  }
  chmodSync(pwfile, 0o600);
  const run = (tool: string, args: readonly string[]) => {
    const command = asRoot ? 'runuser' : join(bin, tool);
    const argv = asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : [...args];
    const r = spawnSync(command, argv, { encoding: 'utf8', cwd: dir, timeout: 120_000 });
    if (r.status !== 0) throw new Error(`${tool} failed (${r.status}): ${r.stderr}${r.stdout}`);
  };
  run('initdb', ['-D', data, '-U', 'hookql', '--auth=scram-sha-256', `--pwfile=${pwfile}`, '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  // Unix sockets in the temp dir (not /var/run/postgresql), TCP on loopback only.
  run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', '-o', `-h 127.0.0.1 -p ${port} -k ${dir} -c fsync=off`, 'start']);
  return {
    url: `postgresql://hookql:${PG_PASSWORD}@127.0.0.1:${port}/postgres`,
    password: PG_PASSWORD,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } catch (e) {
        console.warn(`could not stop the test PostgreSQL: ${String(e)}\n${existsSync(join(dir, 'log')) ? readFileSync(join(dir, 'log'), 'utf8') : ''}`);
      }
    },
  };
}
