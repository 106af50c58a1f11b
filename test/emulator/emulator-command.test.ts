// `hookql emulator` in-process: URL first on stdout, token on stderr, default state file under
// $HOOKQL_HOME, clean stop; usage errors are CommanderErrors with exit code 2.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { CommanderError } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { emulatorCommand } from '../../src/cli/emulator-command.js';
import { BASE, client } from './helpers.js';

const home = mkdtempSync(join(tmpdir(), 'hookql-home-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

function io(signal?: AbortSignal) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  return { io: { stdout, stderr, env: { HOOKQL_HOME: join(home, 'nested') }, signal }, out: () => out, err: () => err };
}

async function waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}

describe('hookql emulator', () => {
  it('serves with the flags given until stopped, state in $HOOKQL_HOME/emulator.db by default', async () => {
    const stop = new AbortController();
    const t = io(stop.signal);
    const running = emulatorCommand(t.io).parseAsync(['--port', '0', '--token', 'tok', '--user-token', 'usr', '--user-can-manage', 'm', '--allow-http-targets'], { from: 'user' });
    await waitFor(() => t.out().includes('\n'));
    const url = t.out().split('\n')[0];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(t.err()).toContain('admin token: tok');
    expect(t.err()).toContain(join(home, 'nested', 'emulator.db'));
    expect(existsSync(join(home, 'nested', 'emulator.db'))).toBe(true);
    const api = client(url);
    const created = await api.send('POST', `${BASE}/create`, {
      token: 'usr',
      body: { model_name: 'm', events: ['MODEL_VERSION_CREATED'], http_url_spec: { url: 'http://127.0.0.1:9/x' } },
    });
    expect(created.status).toBe(200);
    await api.close();
    stop.abort();
    await running;
    expect(t.err()).toContain('stopped');
    expect(t.out().trim().split('\n')).toEqual([url]);
  });

  it.each([
    [['--faults', 'drop-after=1.5'], /fraction between 0 and 1/],
    [['--port', '-1'], /--port/],
    [['--token-ttl', '0'], /--token-ttl/],
    [['--client-secret', 's'], /together/],
    [['--bogus'], /unknown option/],
  ])('%j is a usage error (exit 2) explained on stderr', async (args, message) => {
    const t = io();
    const error = await emulatorCommand(t.io).parseAsync(['--db', ':memory:', ...args], { from: 'user' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommanderError);
    expect(t.err()).toMatch(message);
    expect(t.out()).toBe('');
  });

  it('the custom usage error carries exit code 2', async () => {
    const t = io();
    const error = (await emulatorCommand(t.io).parseAsync(['--db', ':memory:', '--client-id', 'x'], { from: 'user' }).catch((e: unknown) => e)) as CommanderError;
    expect(error.exitCode).toBe(2);
  });
});
