// Fake `databricks` and `az` executables on a PATH of their own: each call is recorded (argv, one
// JSON line per call) and answered with a numbered token, so tests see how often and how hookql ran them.
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface FakeCli {
  /** Put first on PATH. */
  readonly dir: string;
  readonly path: string;
  /** The argv of every call so far. */
  calls(): string[][];
}

export interface FakeCliOptions {
  /** Seconds until the printed token expires (negative: already expired). Default 3600. */
  readonly expiresIn?: number;
  /** Exit with this status and message on stderr instead of printing a token. */
  readonly fail?: { readonly status: number; readonly stderr: string };
}

/** `databricks auth token` prints `{access_token, token_type, expiry}` (RFC 3339 with nanoseconds). */
export function fakeDatabricksCli(options: FakeCliOptions = {}): FakeCli {
  return fakeCli('databricks', options, `{
    access_token: 'cli-token-' + n,
    token_type: 'Bearer',
    expiry: new Date(Date.now() + expiresIn * 1000).toISOString().replace('Z', '123456+00:00'),
  }`);
}

/** `az account get-access-token` prints `{accessToken, tokenType, expiresOn}` (local time, microseconds). */
export function fakeAzureCli(options: FakeCliOptions = {}): FakeCli {
  return fakeCli('az', options, `{
    accessToken: 'az-token-' + n,
    tokenType: 'Bearer',
    expiresOn: localTime(new Date(Date.now() + expiresIn * 1000)),
    subscription: 'sub', tenant: 'tenant-from-az',
  }`);
}

function fakeCli(name: string, options: FakeCliOptions, answer: string): FakeCli {
  const dir = mkdtempSync(join(tmpdir(), `hookql-fake-${name}-`));
  const log = join(dir, 'calls.jsonl');
  const script = `#!${process.execPath}
const fs = require('node:fs');
const log = ${JSON.stringify(log)};
fs.appendFileSync(log, JSON.stringify(process.argv.slice(2)) + '\\n');
const n = fs.readFileSync(log, 'utf8').trim().split('\\n').length;
const expiresIn = ${options.expiresIn ?? 3600};
const fail = ${JSON.stringify(options.fail ?? null)};
const pad = (v, w = 2) => String(v).padStart(w, '0');
const localTime = (d) => d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds()) + '.' + pad(d.getMilliseconds(), 3) + '123';
if (fail) { process.stderr.write(fail.stderr + '\\n'); process.exit(fail.status); }
process.stdout.write(JSON.stringify(${answer}, null, 2) + '\\n');
`;
  const path = join(dir, name);
  writeFileSync(path, script);
  chmodSync(path, 0o755);
  return {
    dir,
    path,
    calls: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as string[]) : []),
  };
}

/** A PATH with the fakes first (and nothing else that could be a real CLI). */
export function pathWith(...fakes: FakeCli[]): string {
  return fakes.map((f) => f.dir).join(delimiter);
}
