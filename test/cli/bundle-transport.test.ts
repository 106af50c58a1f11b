// The executable's bundle carries the HTTP client it lists with (undici's Agent and request(), with
// everything they load): they are compiled from the bundle's code cache, not resolved, read and
// compiled from node_modules on every run (scripts/bundle.js, src/execute/undici-port.ts).

import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: { hookql: string } };
const bundleText = () => readFileSync(join(root, 'dist', 'bundle', 'cli.cjs'), 'utf8');

function runNode(args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('the bundle and its HTTP client', () => {
  let emulator: RunningEmulator;
  let install: string;
  beforeAll(async () => {
    emulator = await startEmulator({ token: 'tok' });
    const seeded = await fetch(`${emulator.url}/__emulator/seed`, { method: 'POST', headers: { authorization: 'Bearer tok', 'content-type': 'application/json' }, body: JSON.stringify({ count: 250, model_names: ['churn-model'] }) });
    expect(seeded.status).toBe(200);
    // An install of the built package whose node_modules has every package but undici.
    install = mkdtempSync(join(tmpdir(), 'hookql-no-undici-'));
    cpSync(join(root, 'dist', 'bundle'), join(install, 'dist', 'bundle'), { recursive: true });
    cpSync(join(root, 'package.json'), join(install, 'package.json'));
    symlinkSync(join(root, 'resources'), join(install, 'resources'));
    mkdirSync(join(install, 'node_modules'));
    for (const name of readdirSync(join(root, 'node_modules'))) if (name !== 'undici' && name !== '.bin') symlinkSync(join(root, 'node_modules', name), join(install, 'node_modules', name));
  });
  afterAll(async () => {
    await emulator?.close();
    if (install) rmSync(install, { recursive: true, force: true });
  });

  it('has undici’s Agent and request() inside it, and no require of an undici file', () => {
    const text = bundleText();
    expect(text).toContain('// node_modules/undici/lib/dispatcher/agent.js');
    expect(text).toContain('// node_modules/undici/lib/api/api-request.js');
    expect(text).not.toMatch(/require\("undici\/lib\//);
  });

  it('lists every page of a workspace without undici in node_modules', async () => {
    const home = mkdtempSync(join(tmpdir(), 'hookql-'));
    try {
      const sql = `SELECT count(*) AS n FROM databricks_workspace.ml.model_registry_webhooks WHERE workspace = '${emulator.url}' AND max_results = 100`;
      for (const run of ['writes the code cache', 'runs from it']) {
        const r = await runNode([join(install, pkg.bin.hookql), 'exec', sql, '-o', 'csv'], { HOOKQL_HOME: home, DATABRICKS_TOKEN: 'tok' });
        expect({ run, ...r }).toEqual({ run, status: 0, stdout: 'n\r\n250\r\n', stderr: '' });
      }
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('reports an unreachable workspace as a failed request (exit 1), as before', async () => {
    const home = mkdtempSync(join(tmpdir(), 'hookql-'));
    try {
      const closed = await startEmulator({ token: 'tok' });
      const url = closed.url;
      await closed.close();
      const r = await runNode([join(install, pkg.bin.hookql), 'exec', `SELECT count(*) FROM databricks_workspace.ml.model_registry_webhooks WHERE workspace = '${url}'`], { HOOKQL_HOME: home, DATABRICKS_TOKEN: 'tok' });
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/ECONNREFUSED|refused/i);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});

describe('the bundle file', () => {
  it('is ASCII only, so Node reads it as a one-byte string (non-ASCII in comments is spelled \\u{…})', () => {
    const text = bundleText();
    expect(text.match(/[^\x00-\x7f]/u)).toBeNull();
  });
});
