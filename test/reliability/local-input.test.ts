// Local input and local SQL (issue 10, items 6, 8, 12, 13, 14): secrets at rest (owner-only home and
// files, history decided from the plan), input size and encoding limits, and SQLite failures on the
// user's own SQL that used to say "this is a bug".

import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { hookql } from '../helpers/run-cli.js';
import { tempHome } from '../helpers/temp-home.js';
import { startShell } from '../shell/shell-harness.js';
import { Figures } from './support/figures.js';

const RESOURCE = 'databricks_workspace.ml.model_registry_webhooks';
const figures = new Figures('local-input suite');
figures.add('secret statements written to history (must be 0)', 0);
let emu: RunningEmulator | null = null;
afterEach(async () => {
  await emu?.close();
  emu = null;
});
afterAll(() => console.log(figures.report()));

const mode = (path: string) => statSync(path).mode & 0o777;

describe('secrets at rest: $HOOKQL_HOME is owner-only whatever the umask', () => {
  it('when the local workspace first starts then the home is 0700 and local.db and its WAL are 0600', async () => {
    const home = join(tempHome(), 'fresh');
    const old = process.umask(0o022);
    try {
      const run = await hookql(['exec', `INSERT INTO ${RESOURCE} (workspace, model_name, events, http_url_spec) VALUES ('local', 'm', '["MODEL_VERSION_CREATED"]', '{"url": "https://example.com/h", "secret": "at-rest-s3cret"}')`], { env: { HOOKQL_HOME: home } });
      expect(run.code, run.stderr).toBe(0);
    } finally {
      process.umask(old);
    }
    expect(mode(home)).toBe(0o700);
    for (const f of ['local.db', 'local.db-wal', 'local.db-shm']) if (existsSync(join(home, f))) expect([f, mode(join(home, f))]).toEqual([f, 0o600]);
    expect(existsSync(join(home, 'local.db'))).toBe(true);
  });

  it('when an existing home and its files are world-readable then the next run tightens them', async () => {
    const home = tempHome();
    chmodSync(home, 0o755);
    writeFileSync(join(home, 'history'), 'SELECT 1;\n', { mode: 0o644 });
    chmodSync(join(home, 'history'), 0o644);
    const run = await hookql(['exec', 'SELECT 1'], { env: { HOOKQL_HOME: home } });
    expect(run.code).toBe(0);
    expect(mode(home)).toBe(0o700);
    expect(mode(join(home, 'history'))).toBe(0o600);
  });

  it('when hookql emulator creates its default state then emulator.db is 0600 in a 0700 home', async () => {
    const home = join(tempHome(), 'emu-home');
    const stop = new AbortController();
    const { emulatorCommand } = await import('../../src/cli/emulator-command.js');
    const { PassThrough } = await import('node:stream');
    const out = new PassThrough();
    let text = '';
    out.on('data', (c: Buffer) => (text += c.toString()));
    const running = emulatorCommand({ stdout: out, stderr: new PassThrough(), env: { HOOKQL_HOME: home }, signal: stop.signal }).parseAsync(['--port', '0'], { from: 'user' });
    for (let i = 0; i < 300 && !text.includes('\n'); i++) await new Promise((r) => setTimeout(r, 10));
    expect(mode(home)).toBe(0o700);
    expect(mode(join(home, 'emulator.db'))).toBe(0o600);
    stop.abort();
    await running;
  });
});

describe('shell history is decided from the plan', () => {
  it('when a statement carries a secret through json_object() or a JSON escape then it is not written to the history file', async () => {
    emu = await startEmulator({ port: 0 });
    const home = tempHome();
    const shell = startShell({ tty: true, env: { HOOKQL_HOME: home, DATABRICKS_TOKEN: 'dev-token' }, createEngine: ((o: object) => createEngine(o)) as never });
    const ws = emu.url;
    const hidden = [
      `INSERT INTO ${RESOURCE} (workspace, model_name, events, http_url_spec) SELECT '${ws}', 'a', '["MODEL_VERSION_CREATED"]', json_object('url', 'https://example.com/a', 'secret', 'jo-s3cret');`,
      `INSERT INTO ${RESOURCE} (workspace, model_name, events, http_url_spec) VALUES ('${ws}', 'b', '["MODEL_VERSION_CREATED"]', '{"url": "https://example.com/b", "secr\\u0065t": "esc-s3cret"}');`,
      `INSERT INTO ${RESOURCE} (workspace, model_name, events, job_spec) VALUES ('${ws}', 'c', '["MODEL_VERSION_CREATED"]', json('{"job_id": "1", "access_token": "dapi-in-json"}'));`,
    ];
    const kept = `SELECT count(*) AS n FROM ${RESOURCE} WHERE workspace = '${ws}';`;
    await shell.waitFor('> ');
    for (const s of hidden) {
      shell.type(s + '\r');
      await shell.waitFor(/webhook created/, 'stderr', 0);
      await new Promise((r) => setTimeout(r, 50));
    }
    shell.type(kept + '\r');
    await shell.waitFor('(1 row');
    shell.stdin.end();
    await shell.done;
    expect(shell.stderr().match(/1 webhook created/g)?.length).toBe(3);
    const history = readFileSync(join(home, 'history'), 'utf8');
    const written = ['jo-s3cret', 'esc-s3cret', 'dapi-in-json'].filter((s) => history.includes(s)).length;
    figures.add('secret statements written to history (must be 0)', written);
    figures.add('history entries checked', hidden.length + 1);
    expect(written).toBe(0);
    expect(history).toContain(kept);
  });
});

describe('input limits and encoding', () => {
  it('when the manifest is /dev/zero then plan fails fast with exit 2 naming the 16 MiB limit', async () => {
    const run = await hookql(['plan', '/dev/zero'], { env: { HOOKQL_HOME: tempHome() } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('manifest /dev/zero is larger than 16 MiB');
  });

  it('when the SQL file is /dev/zero then exec -f fails fast with exit 2', async () => {
    const run = await hookql(['exec', '-f', '/dev/zero'], { env: { HOOKQL_HOME: tempHome() } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('SQL file /dev/zero is larger than 16 MiB');
  });

  it('when a regular manifest file is over 16 MiB then plan refuses it by its size, exit 2, before reading it', async () => {
    const dir = tempHome();
    const file = join(dir, 'huge.yaml');
    writeFileSync(file, 'version: 1\n');
    truncateSync(file, 17 * 1024 * 1024); // sparse: the size is what is checked
    const run = await hookql(['plan', file], { env: { HOOKQL_HOME: dir } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`manifest ${file} is larger than 16 MiB`);
  });

  it('when the manifest path is a directory or missing then plan names the path and the error code, exit 2', async () => {
    const dir = tempHome();
    const asDir = await hookql(['plan', dir], { env: { HOOKQL_HOME: dir } });
    expect(asDir.code).toBe(2);
    expect(asDir.stderr).toContain(`cannot read manifest ${dir}: EISDIR`);
    const missing = await hookql(['plan', join(dir, 'nope.yaml')], { env: { HOOKQL_HOME: dir } });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`cannot read manifest ${join(dir, 'nope.yaml')}: ENOENT`);
  });

  it('when a manifest is Latin-1 then it is refused with the byte offset, not read as caf\uFFFD', async () => {
    const dir = tempHome();
    const file = join(dir, 'latin1.yaml');
    writeFileSync(file, Buffer.concat([Buffer.from('version: 1\nwebhooks:\n  - name: caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    const run = await hookql(['plan', file], { env: { HOOKQL_HOME: dir } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`manifest ${file} is not valid UTF-8: byte 0xe9 at offset 34 (line 3)`);
  });
});

describe('SQLite failures on the user\'s own SQL are user errors (exit 2), not bugs', () => {
  it.each([
    ["SELECT json_extract('not json', '$.a')", 'malformed JSON'],
    ["SELECT load_extension('x')", 'not authorized'],
    ['SELECT length(zeroblob(2000000000))', 'too big'],
    ['SELECT $$dollar$$', "$$…$$ quoting is PostgreSQL's"],
    ["SELECT fts3_tokenizer('simple')", 'fts3_tokenizer() is disabled'],
    ["SELECT hex(fts3_tokenizer('simple', zeroblob(8)))", 'fts3_tokenizer() is disabled'],
  ])('when the statement is %s then exit 2 says %s', async (sql, says) => {
    const run = await hookql(['exec', sql], { env: { HOOKQL_HOME: tempHome() } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(says);
    expect(run.stderr).not.toContain('bug');
  });

  it('when json_extract fails on fetched rows then it is exit 2 too', async () => {
    emu = await startEmulator({ port: 0 });
    const env = { HOOKQL_HOME: tempHome(), DATABRICKS_TOKEN: 'dev-token' };
    await hookql(['exec', `INSERT INTO ${RESOURCE} (workspace, model_name, events, description, http_url_spec) VALUES ('${emu.url}', 'm', '["MODEL_VERSION_CREATED"]', 'plain text', '{"url": "https://example.com/h"}')`], { env });
    const run = await hookql(['exec', `SELECT json_extract(description, '$.a') FROM ${RESOURCE} WHERE workspace = '${emu.url}'`], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error [SQL_ERROR]: SQLite: malformed JSON');
  });
});
