// The built executable, as a user runs it (dist/ is built by `npm install` / `npm ci`): the esbuild
// bundle package.json's `bin` names, and tsc's dist/cli/main.js that in-process users and tests run.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: { hookql: string }; version: string };

describe.each([
  ['the hookql executable (package.json bin)', pkg.bin.hookql],
  ['dist/cli/main.js', 'dist/cli/main.js'],
])('%s', (_name, file) => {
  const bin = join(root, file);
  const run = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOOKQL_HOME: mkdtempSync(join(tmpdir(), 'hookql-')), ...env } });

  it('counts the webhooks of a fresh local workspace with no set-up', () => {
    const r = run(['exec', "SELECT count(*) AS n FROM databricks_workspace.ml.model_registry_webhooks WHERE workspace = 'local'", '-o', 'csv']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('n\r\n0\r\n');
    expect(r.status).toBe(0);
  });

  it('exits 2 on an unknown flag, with usage on stderr', () => {
    const r = run(['exec', '--bogus', 'SELECT 1']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--bogus'/);
  });

  it('exits 2 on an unknown output format, naming the choices', () => {
    const r = run(['exec', '-o', 'yaml', 'SELECT 1']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/table, json, jsonl, csv, text/);
  });

  it('prints its version, and the resource definitions it found next to it', () => {
    const lines = run(['--version']).stdout.split('\n');
    expect(lines[0]).toBe(pkg.version);
    expect(lines.join('\n')).toContain(join(root, 'resources'));
  });

  it('lists the resources it ships with, in a table', () => {
    const r = run(['exec', 'SHOW RESOURCES IN databricks_workspace.ml']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^┌─/);
    expect(r.stdout).toContain('│ model_registry_webhooks ');
  });
});

describe('the executable’s code cache (src/cli/launch-bundle.ts)', () => {
  it('writes the compiled bundle under HOOKQL_HOME on the first run and answers the same from it', () => {
    const home = mkdtempSync(join(tmpdir(), 'hookql-'));
    const run = () => spawnSync(process.execPath, [join(root, pkg.bin.hookql), 'exec', 'SHOW RESOURCES IN databricks_workspace.ml', '-o', 'csv'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOOKQL_HOME: home } });
    const first = run();
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const entries = readdirSync(join(home, 'cache', 'code')).filter((name) => name.startsWith('cli.cjs-'));
    expect(entries).toHaveLength(1);
    expect(statSync(join(home, 'cache', 'code', entries[0])).mode & 0o777).toBe(0o600);
    const written = statSync(join(home, 'cache', 'code', entries[0])).mtimeMs;
    const second = run();
    expect(second).toMatchObject({ status: 0, stderr: '', stdout: first.stdout });
    expect(second.stdout).toContain('model_registry_webhooks');
    // Accepted, so not rewritten.
    expect(statSync(join(home, 'cache', 'code', entries[0])).mtimeMs).toBe(written);
  });

  it('writes it while starting, never while stopping: an emulator stopped by SIGTERM leaves nothing new behind', async () => {
    const home = mkdtempSync(join(tmpdir(), 'hookql-'));
    const child = spawn(process.execPath, [join(root, pkg.bin.hookql), 'emulator', '--port', '0', '--db', ':memory:'], { env: { PATH: process.env.PATH ?? '', HOOKQL_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (/^http:\/\/\S+\n/.test(out)) resolve();
      });
      child.on('exit', (code) => reject(new Error(`the emulator exited with ${code}`)));
    });
    expect(readdirSync(join(home, 'cache', 'code')).some((name) => name.startsWith('cli.cjs-'))).toBe(true);
    // What a script does: stop it and remove its home at once; nothing may be written meanwhile.
    rmSync(join(home, 'cache'), { recursive: true, force: true });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(join(home, 'cache', 'code'))).toBe(false);
  });
});
