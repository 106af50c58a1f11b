// `hookql serve` as scripts run it: the built executable, its URL as the first line of stdout,
// users from --users FILE (passwords and SCRAM verifiers) or the environment, never a default.

import { spawn } from 'node:child_process';
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { hookql } from '../helpers/run-cli.js';
import { tempHome } from '../helpers/temp-home.js';

const bin = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

/** A PostgreSQL SCRAM-SHA-256 verifier (RFC 5802 / 7677), computed independently of hookql. */
function verifier(password: string): string {
  const salt = randomBytes(16);
  const salted = pbkdf2Sync(password, salt, 4096, 32, 'sha256');
  const storedKey = createHash('sha256').update(createHmac('sha256', salted).update('Client Key').digest()).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$4096:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

function usersFile(lines: string, mode = 0o600): string {
  const file = join(mkdtempSync(join(tmpdir(), 'hookql-users-')), 'users');
  writeFileSync(file, lines);
  chmodSync(file, mode);
  return file;
}

/** Starts the executable; resolves with its first stdout line and a way to stop it (SIGTERM, by pid). */
function startServe(args: readonly string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', ...args], { env: { PATH: process.env.PATH ?? '', HOOKQL_HOME: tempHome(), ...env } });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  const url = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      if (out.includes('\n')) resolve(out.split('\n')[0]);
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
  const stop = async () => {
    const exited = new Promise((r) => child.on('exit', r));
    child.kill('SIGTERM');
    await exited;
    return stderr;
  };
  return { url, stop };
}

async function query(url: string, user: string, password: string, sql: string): Promise<unknown[]> {
  const { port } = new URL(url);
  const client = new pg.Client({ host: '127.0.0.1', port: Number(port), database: 'hookql', user, password });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('hookql serve', () => {
  it('prints its URL first, serves the users of --users (password or SCRAM verifier), and stops on SIGTERM', async () => {
    const file = usersFile(`# who may connect\nalice:correct horse\nbob:${verifier('battery staple')}\n`);
    const serve = startServe(['--users', file]);
    const url = await serve.url;
    expect(url).toMatch(/^postgresql:\/\/127\.0\.0\.1:\d+\/hookql$/);
    expect(await query(url, 'alice', 'correct horse', 'SELECT 1 AS one')).toEqual([{ one: '1' }]);
    expect(await query(url, 'bob', 'battery staple', "SELECT count(*) AS n FROM databricks_workspace.ml.model_registry_webhooks WHERE workspace = 'local'")).toEqual([{ n: '0' }]);
    await expect(query(url, 'bob', 'correct horse', 'SELECT 1')).rejects.toThrow('password authentication failed for user "bob"');
    const stderr = await serve.stop();
    expect(stderr).toContain('read-only, SCRAM-SHA-256, 2 users');
    expect(stderr).not.toContain('correct horse');
    expect(stderr).not.toContain('battery staple');
  });

  it('takes its user from HOOKQL_SERVE_USER / HOOKQL_SERVE_PASSWORD', async () => {
    const serve = startServe([], { HOOKQL_SERVE_USER: 'ci', HOOKQL_SERVE_PASSWORD: 'from-env' });
    expect(await query(await serve.url, 'ci', 'from-env', 'SELECT 2 AS two')).toEqual([{ two: '2' }]);
    expect(await serve.stop()).not.toContain('from-env');
  });

  it('refuses to start with no users, exit 2, naming both ways to give them', async () => {
    const r = await hookql(['serve', '--port', '0'], { env: { HOOKQL_HOME: tempHome() } });
    expect(r.stderr).toBe('error [USAGE]: hookql serve needs users: none were given\nhint: pass --users FILE (user:password lines) or set HOOKQL_SERVE_USER and HOOKQL_SERVE_PASSWORD\n');
    expect(r.stdout).toBe('');
    expect(r.code).toBe(2);
  });

  it('refuses a users file that others can read, and a malformed line', async () => {
    const open = usersFile('alice:pw\n', 0o644);
    const r = await hookql(['serve', '--users', open], { env: { HOOKQL_HOME: tempHome() } });
    expect(r.stderr).toBe(`error [CONFIG]: the users file ${open} can be read by other users\nhint: chmod 600 ${open}\n`);
    expect(r.code).toBe(2);
    const bad = usersFile('alice\n');
    const b = await hookql(['serve', '--users', bad], { env: { HOOKQL_HOME: tempHome() } });
    expect(b.stderr).toContain(`error [CONFIG]: ${bad}:1: expected user:password`);
    expect(b.code).toBe(2);
  });
});
