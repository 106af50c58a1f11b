// The built executable, as a user runs it (dist/ is built by `npm install` / `npm ci`).

import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOOKQL_HOME: mkdtempSync(join(tmpdir(), 'hookql-')), ...env } });

describe('the hookql executable', () => {
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

  it('prints its version', () => {
    expect(run(['--version']).stdout.split('\n')[0]).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
