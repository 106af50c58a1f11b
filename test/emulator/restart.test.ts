// Persistence: the emulator runs as its own process (the built dist/emulator/main.js — `npm ci` runs
// the `prepare` build before `npm test`; locally run `npm run build` first), is killed with SIGKILL
// right after acknowledged writes, restarted on the same file, and everything acknowledged is there.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BASE, client, httpHook, jobHook } from './helpers.js';

const MAIN = fileURLToPath(new URL('../../dist/emulator/main.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'hookql-emulator-'));
const children = new Set<ChildProcess>();

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

interface Spawned {
  child: ChildProcess;
  url: string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns the standalone emulator and resolves once it printed its URL (the first stdout line). */
function spawnEmulator(args: string[]): Promise<Spawned> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` before this test`);
  const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    }),
  );
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      stdout += c.toString();
      const line = stdout.split('\n');
      if (line.length > 1) resolve({ child, url: line[0], stderr: () => stderr, exited });
    });
    void exited.then(({ code }) => reject(new Error(`emulator exited (${code}) before printing its URL: ${stderr}`)));
  });
}

describe('the emulator process', () => {
  it('keeps every acknowledged write across kill -9 and restart', async () => {
    const db = join(dir, 'state.db');
    const first = await spawnEmulator(['--port', '0', '--db', db, '--token', 'T1']);
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const api = client(first.url);
    const created: Array<{ id: string }> = [];
    for (let i = 0; i < 40; i++) {
      const hook = i % 4 === 0 ? jobHook({ model_name: `m${i}` }) : httpHook({ model_name: `m${i}` });
      const reply = await api.send('POST', `${BASE}/create`, { token: 'T1', body: hook });
      expect(reply.status).toBe(200);
      created.push(reply.body.webhook);
    }
    const updated = await api.send('PATCH', `${BASE}/update`, { token: 'T1', body: { id: created[1].id, status: 'TEST_MODE', description: 'kept' } });
    expect(updated.status).toBe(200);
    expect((await api.send('DELETE', `${BASE}/delete`, { token: 'T1', query: `id=${created[2].id}` })).status).toBe(200);
    await api.close();
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');

    const second = await spawnEmulator(['--port', '0', '--db', db, '--token', 'T2']);
    const again = client(second.url);
    const listed = await again.send('GET', `${BASE}/list`, { token: 'T2', query: 'max_results=1000' });
    await again.close();
    const expected = created.filter((_, i) => i !== 2).map((w, i) => (i === 1 ? updated.body.webhook : w));
    expect(listed.body.webhooks).toEqual(expected);

    second.child.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
    expect(second.stderr()).toContain('stopped');
  });

  it.each([
    [['--faults', '503=2']],
    [['--port', 'abc']],
    [['--port', '70000']],
    [['--no-such-flag']],
    [['--client-id', 'only-id']],
  ])('exits 2 with a message on stderr for %j', async (args) => {
    const child = spawn(process.execPath, [MAIN, '--db', ':memory:', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    children.delete(child);
    expect(code).toBe(2);
    expect(stderr).toMatch(/error/i);
    expect(stdout).toBe('');
  });
});
