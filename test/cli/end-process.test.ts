// How the built executable ends (src/cli/end-process.ts): every line it printed reaches a slow
// reader before the process exits, and a reader that stops early (`| head`) gets neither a stack
// trace nor a half-done change.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: { hookql: string } }).bin.hookql);
const ROWS = 200_000;
const MANY_ROWS = `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ${ROWS}) SELECT x FROM c`;

interface Ended {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const homes: string[] = [];
afterEach(() => homes.splice(0).forEach((home) => rmSync(home, { recursive: true, force: true })));

function home(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hookql-end-'));
  homes.push(dir);
  return dir;
}

/**
 * Runs hookql with stdout on a pipe. `readBytes` undefined: the whole output is read, slowly (the
 * reader pauses after every chunk, so the pipe fills up and the writer has to wait). A number: the
 * reader closes the pipe after that many bytes, as `head -c` does.
 */
function run(args: string[], hookqlHome: string, readBytes?: number): Promise<Ended> {
  const child = spawn(process.execPath, [bin, ...args], { env: { PATH: process.env.PATH ?? '', HOOKQL_HOME: hookqlHome }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  child.stdout.setEncoding('utf8').on('data', (s: string) => {
    stdout += s;
    if (readBytes !== undefined && stdout.length >= readBytes) child.stdout.destroy();
    else {
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), 1);
    }
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('the end of a hookql process', () => {
  it('writes every row to a slow reader before it exits', async () => {
    const r = await run(['exec', MANY_ROWS, '-o', 'csv'], home());
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\r\n');
    expect(lines.length).toBe(ROWS + 2); // header, rows, and the empty text after the last CRLF
    expect(lines[ROWS]).toBe(String(ROWS));
  }, 60_000);

  it('stops printing quietly, with the command’s own status, when the reader closes the pipe', async () => {
    const r = await run(['exec', MANY_ROWS, '-o', 'csv'], home(), 10);
    expect(r.stdout.startsWith('x\r\n1\r\n2')).toBe(true);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 60_000);

  it('still makes every change of an apply whose output nobody reads any more', async () => {
    const dir = home();
    const manifest = join(dir, 'hooks.yaml');
    const entries = Array.from({ length: 20 }, (_, i) => [
      `  - name: hook-${i}`,
      '    props:',
      '      - { name: workspace, value: local }',
      `      - { name: model_name, value: model-${i} }`,
      '      - { name: events, value: [MODEL_VERSION_CREATED] }',
      `      - { name: http_url_spec, value: { url: "http://127.0.0.1:9/hook-${i}" } }`,
    ]);
    writeFileSync(manifest, ['version: 1', 'webhooks:', ...entries.flat()].join('\n') + '\n');
    const applied = await run(['apply', manifest, '--auto-approve'], dir, 1);
    expect(applied.stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(applied.status).toBe(0);
    const count = await run(['exec', "SELECT count(*) AS n FROM databricks_workspace.ml.model_registry_webhooks WHERE workspace = 'local'", '-o', 'csv'], dir);
    expect(count.stdout).toBe('n\r\n20\r\n');
  }, 60_000);
});
