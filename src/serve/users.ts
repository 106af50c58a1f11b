// Who may connect: `--users FILE` (one `user:password` or `user:SCRAM-SHA-256$…` verifier a line,
// the format of PostgreSQL's pg_authid.rolpassword) or HOOKQL_SERVE_USER / HOOKQL_SERVE_PASSWORD.
// There is no default user: with neither, the server refuses to start. Passwords are turned into
// SCRAM verifiers at load time; only verifiers are kept, and no password is ever printed.

import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createScramSha256Data, type ScramSha256Data } from 'pg-gateway';
import { ConfigError, UsageError } from '../errors.js';

export type Users = ReadonlyMap<string, ScramSha256Data>;

const VERIFIER = /^SCRAM-SHA-256\$(\d+):([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)$/;

export interface UserSource {
  readonly file?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export async function loadUsers(source: UserSource): Promise<Users> {
  const lines = source.file !== undefined ? fileLines(source.file) : envLines(source.env);
  const users = new Map<string, ScramSha256Data>();
  for (const { user, secret, at } of lines) {
    if (users.has(user)) throw new ConfigError(`${at}: user '${user}' is listed twice`, { hint: 'keep one line per user' });
    users.set(user, await verifierOf(secret, at));
  }
  if (users.size === 0) throw new ConfigError(`${source.file}: no users`, { hint: 'add a line user:password' });
  return users;
}

function envLines(env: UserSource['env']): { user: string; secret: string; at: string }[] {
  const user = env.HOOKQL_SERVE_USER;
  const password = env.HOOKQL_SERVE_PASSWORD;
  if (!user || !password) {
    throw new UsageError('hookql serve needs users: none were given', {
      hint: 'pass --users FILE (user:password lines) or set HOOKQL_SERVE_USER and HOOKQL_SERVE_PASSWORD',
    });
  }
  return [{ user, secret: password, at: 'HOOKQL_SERVE_USER' }];
}

function fileLines(file: string): { user: string; secret: string; at: string }[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read the users file ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { hint: 'check the path given to --users' });
  }
  // Passwords in a file others can read are not secret.
  if ((statSync(file).mode & 0o077) !== 0) {
    throw new ConfigError(`the users file ${file} can be read by other users`, { hint: `chmod 600 ${file}` });
  }
  return text.split(/\r?\n/).flatMap((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return [];
    const colon = line.indexOf(':');
    const at = `${file}:${i + 1}`;
    if (colon <= 0 || colon === line.length - 1) throw new ConfigError(`${at}: expected user:password`, { hint: 'one user:password or user:SCRAM-SHA-256$… verifier a line' });
    return [{ user: line.slice(0, colon), secret: line.slice(colon + 1), at }];
  });
}

async function verifierOf(secret: string, at: string): Promise<ScramSha256Data> {
  if (!secret.startsWith('SCRAM-SHA-256$')) return createScramSha256Data(secret);
  const m = VERIFIER.exec(secret);
  if (!m) throw new ConfigError(`${at}: malformed SCRAM-SHA-256 verifier`, { hint: 'expected SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>' });
  return { iterations: Number(m[1]), salt: m[2], storedKey: m[3], serverKey: m[4] };
}

/**
 * For a user that does not exist: a verifier no password matches, stable per name, so a client
 * cannot tell an unknown user from a wrong password (PostgreSQL does the same).
 */
export function decoyVerifier(user: string, seed: Buffer): ScramSha256Data {
  const digest = (label: string) => createHash('sha256').update(seed).update(label).update(user).digest('base64');
  return { iterations: 4096, salt: digest('salt').slice(0, 24), storedKey: digest('stored'), serverKey: digest('server') };
}

export const decoySeed = (): Buffer => randomBytes(32);
