// The emulator as an attacker would use it (issue 10, items 9, 13, 14): an SSRF relay into the
// machine it runs on, a header-injection carrier, a log that shows secrets, and `hookql emulator`
// failures that said "this is a bug". Only 127.0.0.1 is ever contacted: private and metadata
// addresses are checked for refusal at create, where nothing is sent.

import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/index.js';
import { hookql } from '../helpers/run-cli.js';
import { Figures } from './support/figures.js';

const BASE = '/api/2.0/mlflow/registry-webhooks';
const USER = 'user-token-7d1';
const figures = new Figures('emulator-hardening suite');
figures.add('connections reaching the private service (must be 0)', 0);
let emu: RunningEmulator | null = null;
let secretService: { server: Server; port: number; connections: number } | null = null;
afterEach(async () => {
  await emu?.close();
  emu = null;
  await new Promise((r) => (secretService ? secretService.server.close(r) : r(null)));
  secretService = null;
});
afterAll(() => console.log(figures.report()));

/** A "private service" on 127.0.0.1 that counts every TCP connection it gets (it never answers). */
async function privateService(): Promise<{ server: Server; port: number; connections: number }> {
  const s = { server: createServer(), port: 0, connections: 0 };
  s.server.on('connection', (sock) => {
    s.connections++;
    sock.destroy();
  });
  await new Promise<void>((r) => s.server.listen(0, '127.0.0.1', r));
  s.port = (s.server.address() as AddressInfo).port;
  return s;
}

async function api(method: string, path: string, body?: unknown, token = USER) {
  const res = await fetch(`${emu?.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

const hook = (url: string, extra: Record<string, unknown> = {}) => ({ model_name: 'm', events: ['MODEL_VERSION_CREATED'], http_url_spec: { url, enable_ssl_verification: false, ...extra } });

async function emulator(options: EmulatorOptions = {}) {
  emu = await startEmulator({ port: 0, userToken: USER, userCanManage: ['m'], deliveryTimeoutMs: 2000, ...options });
  return emu;
}

describe('deliveries refuse loopback, private, link-local and metadata targets without an opt-in', () => {
  it.each([
    ['https://127.0.0.1:PORT/internal', 'loopback'],
    ['https://[::1]:PORT/internal', 'loopback'],
    ['https://localhost:PORT/internal', 'loopback'],
    ['https://10.255.255.1/x', 'private'],
    ['https://192.168.1.10/x', 'private'],
    ['https://169.254.169.254/latest/meta-data/', 'link-local'],
    ['https://[::ffff:127.0.0.1]:PORT/x', 'loopback'],
    ['https://0.0.0.0:PORT/x', 'other-special'],
  ])('when a non-admin creates a hook to %s then it is refused at create (400), naming a %s address', async (url, cls) => {
    secretService = await privateService();
    await emulator();
    const res = await api('POST', `${BASE}/create`, hook(url.replace('PORT', String(secretService.port))));
    figures.add('hostile targets refused at create');
    expect(res.status).toBe(400);
    expect(res.body.message).toContain(`is a ${cls} address`);
    expect(secretService.connections).toBe(0);
  });

  it('when a public-looking name resolves to 127.0.0.1 then test refuses to deliver, and the private service sees nothing', async () => {
    secretService = await privateService();
    await emulator();
    // /etc/hosts maps `vm` to 127.0.0.1 on this machine (checked by the test below); any DNS name could.
    const created = await api('POST', `${BASE}/create`, hook(`https://vm:${secretService.port}/internal`));
    expect(created.status).toBe(200);
    const tested = await api('POST', `${BASE}/test`, { id: created.body.webhook.id });
    figures.add('deliveries refused on the resolved address');
    figures.add('connections reaching the private service (must be 0)', secretService.connections);
    // test reports a receiver it could not reach in its own answer (200 with status_code/body, as
    // the service reports an unreachable receiver), never the private service's reply.
    expect(tested.status).toBe(200);
    expect(tested.body.status_code).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(tested.body)).toContain('loopback address');
    expect(secretService.connections).toBe(0);
  });

  it('when the emulator runs with --allow-http-targets (the local workspace, receivers under development) then loopback is allowed', async () => {
    secretService = await privateService();
    await emulator({ allowHttpTargets: true });
    const created = await api('POST', `${BASE}/create`, hook(`http://127.0.0.1:${secretService.port}/dev`));
    expect(created.status).toBe(200);
    await api('POST', `${BASE}/test`, { id: created.body.webhook.id });
    expect(secretService.connections).toBe(1);
  });

  it('when the emulator runs with --allow-private-targets then private and metadata hook URLs are accepted at create', async () => {
    await emulator({ allowPrivateTargets: true });
    expect((await api('POST', `${BASE}/create`, hook('https://10.255.255.1/x'))).status).toBe(200);
    expect((await api('POST', `${BASE}/create`, { ...hook('https://169.254.169.254/y') })).status).toBe(200);
  });

  it('when an update points a hook at 127.0.0.1 then it is refused too', async () => {
    await emulator();
    const created = await api('POST', `${BASE}/create`, hook('https://hooks.example.com/x'));
    const updated = await api('PATCH', `${BASE}/update`, { id: created.body.webhook.id, http_url_spec: { url: 'https://127.0.0.1:1/x' } });
    expect(updated.status).toBe(400);
  });
});

describe('smaller emulator holes', () => {
  it('when job_spec.access_token holds CRLF then create is refused (400): no header injection into run-now', async () => {
    await emulator();
    const res = await api('POST', `${BASE}/create`, { model_name: 'm', events: ['MODEL_VERSION_CREATED'], job_spec: { job_id: '1', access_token: 'dapi1\r\nX-Injected: 1' } });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('line breaks');
  });

  it('when a request carries client_secret in its query string then /__emulator/requests shows it as ***', async () => {
    await emulator({ clientId: 'cid', clientSecret: 'csecret-q91' });
    await fetch(`${emu?.url}/oidc/v1/token?grant_type=client_credentials&client_secret=csecret-q91&access_token=at-55&page_token=p1`, { method: 'POST' });
    const log = await fetch(`${emu?.url}/__emulator/requests`, { headers: { authorization: 'Bearer dev-token' } });
    const text = await log.text();
    expect(text).not.toContain('csecret-q91');
    expect(text).not.toContain('at-55');
    expect(text).toContain('client_secret=***');
    expect(text).toContain('page_token=p1');
  });
});

describe('hookql emulator: user errors are not bugs', () => {
  it('when --host 0.0.0.0 is given with the default token then it refuses to start (exit 2) and asks for --token', async () => {
    const run = await hookql(['emulator', '--host', '0.0.0.0', '--port', '0'], { env: { HOOKQL_HOME: mkdtempSync(join(tmpdir(), 'hq-')) } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error [USAGE]');
    expect(run.stderr).toContain('--token');
  });

  it('when --port is already in use then exit 1 says so, no "this is a bug"', async () => {
    secretService = await privateService();
    const run = await hookql(['emulator', '--port', String(secretService.port)], { env: { HOOKQL_HOME: mkdtempSync(join(tmpdir(), 'hq-')) } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`error [CANNOT_LISTEN]: cannot listen on 127.0.0.1:${secretService.port}: the port is already in use`);
    expect(run.stderr).not.toContain('bug');
  });

  it('when --db is a file that is not a database then exit 2 names the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hq-'));
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'these are my notes, not a database\n'.repeat(100));
    const run = await hookql(['emulator', '--port', '0', '--db', file], { env: { HOOKQL_HOME: dir } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--db ${file}: the file is not an emulator database`);
    expect(run.stderr).not.toContain('bug');
  });

  it('when --db is in a folder that does not exist then exit 2, and no folder is created', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hq-'));
    const file = join(dir, 'typo', 'state.db');
    const run = await hookql(['emulator', '--port', '0', '--db', file], { env: { HOOKQL_HOME: dir } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('does not exist');
    expect(existsSync(join(dir, 'typo'))).toBe(false);
  });
});
