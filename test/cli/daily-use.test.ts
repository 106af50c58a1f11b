// Issue 14's defects in `hookql exec` / `plan`: what a new user types by habit gets a clear answer.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { hookql } from '../helpers/run-cli.js';

const RES = 'databricks_workspace.ml.model_registry_webhooks';
const home = () => mkdtempSync(join(tmpdir(), 'hookql-'));
const env = () => ({ HOOKQL_HOME: home() });
const MANIFEST = new URL('../../manifests/examples/registry-wide.yaml', import.meta.url).pathname;

describe('an unused --var is refused with a did-you-mean (defect 1)', () => {
  it('plan: a mistyped --var names the placeholder it probably meant, exit 2, nothing planned', async () => {
    const r = await hookql(['plan', MANIFEST, '--var', 'worksapce=prod'], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('error [MANIFEST_INVALID]');
    expect(r.stderr).toContain('--var worksapce: no {{ worksapce }} placeholder in the manifest — did you mean --var workspace=…?');
  });

  it('exec: a --var that fills no placeholder is refused; one that does is fine', async () => {
    const bad = await hookql(['exec', '--var', 'nosuch=1', 'SELECT 1 AS one'], { env: env() });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('error [UNUSED_VARIABLE]: --var nosuch: no {{ nosuch }} placeholder in the SQL');
    expect(bad.stdout).toBe('');
    const typo = await hookql(['exec', '--var', 'modle=churn', "SELECT '{{ model }}' AS m"], { env: env() });
    expect(typo.stderr).toContain('did you mean --var model=…?');
    const good = await hookql(['exec', '-o', 'csv', '--var', 'model=churn', "SELECT '{{ model }}' AS m"], { env: env() });
    expect(good).toMatchObject({ code: 0, stdout: 'm\r\nchurn\r\n' });
  });
});

describe('exec input mistakes (defect 6)', () => {
  it('SQL piped into exec without -f - is pointed to -f -', async () => {
    const r = await hookql(['exec'], { env: env(), stdin: 'SELECT 1;' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no SQL given (stdin is read only with -f -)');
    expect(r.stderr).toContain('hookql exec -f -');
  });

  it('a file name given as the SQL is pointed to -f', async () => {
    const dir = home();
    const file = join(dir, 'inventory.sql');
    writeFileSync(file, 'SELECT 1;\n');
    const r = await hookql(['exec', file], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`'${file}' is a file, not SQL`);
    expect(r.stderr).toContain(`hint: to run the statements in it: hookql exec -f ${file}`);
  });
});

describe('-o json is one document (defect 7)', () => {
  it('one statement: its array of rows, as before', async () => {
    const r = await hookql(['exec', '-o', 'json', 'SELECT 1 AS a'], { env: env() });
    expect(JSON.parse(r.stdout)).toEqual([{ a: 1 }]);
  });

  it('several statements: one array with each statement’s rows, in order', async () => {
    const r = await hookql(['exec', '-o', 'json', 'SELECT 1 AS a; SELECT 2 AS b UNION ALL SELECT 3'], { env: env() });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([[{ a: 1 }], [{ b: 2 }, { b: 3 }]]);
  });

  it('a failing statement still leaves a parseable document of the ones before it', async () => {
    const r = await hookql(['exec', '-o', 'json', `SELECT 1 AS a; EXEC ${RES}.delete @id='0123456789abcdef0123456789abcdef', @workspace='local'`], { env: env() });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual([[{ a: 1 }]]);
  });

  it('jsonl stays a stream of rows', async () => {
    const r = await hookql(['exec', '-o', 'jsonl', 'SELECT 1 AS a; SELECT 2 AS b'], { env: env() });
    expect(r.stdout).toBe('{"a":1}\n{"b":2}\n');
  });
});

describe('exec -w/--workspace and HOOKQL_WORKSPACE', () => {
  it('a statement that names no workspace uses -w', async () => {
    const r = await hookql(['exec', '-w', 'local', '-o', 'csv', `SELECT count(*) AS n FROM ${RES}`], { env: env() });
    expect(r).toMatchObject({ code: 0, stdout: 'n\r\n0\r\n' });
  });

  it('or $HOOKQL_WORKSPACE; without either the workspace is still required', async () => {
    const r = await hookql(['exec', '-o', 'csv', `SELECT count(*) AS n FROM ${RES}`], { env: { ...env(), HOOKQL_WORKSPACE: 'local' } });
    expect(r).toMatchObject({ code: 0, stdout: 'n\r\n0\r\n' });
    const none = await hookql(['exec', `SELECT count(*) AS n FROM ${RES}`], { env: env() });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("missing required parameter 'workspace'");
  });
});

describe('a double-quoted string (defect 2)', () => {
  it('workspace = "local" says strings take single quotes, not that workspace is missing', async () => {
    const r = await hookql(['exec', `SELECT id FROM ${RES} WHERE workspace = "local"`], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `error [UNKNOWN_COLUMN]: "local" is not a column of ${RES}: strings take single quotes\n` +
        `hint: write 'local' for the string ("…" quotes a column name, as in SQL); DESCRIBE ${RES} lists its columns\n`,
    );
  });

  it('status = "ACTIVE" keeps the name clean of SQLite\'s own hint', async () => {
    const r = await hookql(['exec', `SELECT id FROM ${RES} WHERE workspace = 'local' AND status = "ACTIVE"`], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`"ACTIVE" is not a column of ${RES}: strings take single quotes`);
    expect(r.stderr).not.toContain('should this be');
  });

  it('a double-quoted real column is still a column', async () => {
    const r = await hookql(['exec', '-o', 'csv', `SELECT "status" FROM ${RES} WHERE workspace = 'local'`], { env: env() });
    expect(r).toMatchObject({ code: 0, stdout: 'status\r\n' });
  });
});

describe('hints that say what happened (defect 4)', () => {
  let emulator: RunningEmulator;
  let receiverDown: string;
  beforeAll(async () => {
    emulator = await startEmulator({ allowHttpTargets: true });
    // A port that was just free: nothing listens there, so the delivery is refused.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    receiverDown = `http://127.0.0.1:${(probe.address() as { port: number }).port}/hook`;
    await new Promise((r) => probe.close(r));
  });
  afterAll(() => emulator.close());
  const withToken = () => ({ ...env(), DATABRICKS_TOKEN: 'dev-token' });

  it('EXEC …test: a receiver that is down is a 502 row; a test the hook refuses says why, not "the API rejected a value"', async () => {
    const created = await hookql(['exec', '-o', 'text', `INSERT INTO ${RES} (workspace, model_name, events, http_url_spec) VALUES ('${emulator.url}', 'm', '["MODEL_VERSION_CREATED"]', '{"url": "${receiverDown}"}') RETURNING id`], { env: withToken() });
    const id = created.stdout.trim();
    const down = await hookql(['exec', '-o', 'csv', `EXEC ${RES}.test @workspace='${emulator.url}' @@json='{"id": "${id}"}'`], { env: withToken() });
    expect(down.code).toBe(0);
    expect(down.stdout).toMatch(/^status_code,body\r\n50[24],.*ECONNREFUSED/);
    await hookql(['exec', `UPDATE ${RES} SET status = 'DISABLED' WHERE workspace = '${emulator.url}' AND id = '${id}'`], { env: withToken() });
    const disabled = await hookql(['exec', `EXEC ${RES}.test @workspace='${emulator.url}' @@json='{"id": "${id}"}'`], { env: withToken() });
    expect(disabled.code).toBe(1);
    expect(disabled.stderr).toContain('is DISABLED and cannot be tested');
    expect(disabled.stderr).toContain('hint: the webhook cannot be tested as asked: a DISABLED hook, or an event it does not have');
    expect(disabled.stderr).not.toContain('the API rejected a value');
  });

  it('a wrong token reads HTTP 403: Invalid access token (the numeric code is not repeated)', async () => {
    const r = await hookql(['exec', `SELECT id FROM ${RES} WHERE workspace = '${emulator.url}'`], { env: { ...env(), DATABRICKS_TOKEN: 'wrong' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('failed: HTTP 403: Invalid access token.');
  });

  it("workspace='htp://…' names the URL as written, not (null)", async () => {
    const r = await hookql(['exec', `SELECT id FROM ${RES} WHERE workspace = 'htp://ws.example.com'`], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("the workspace URL (htp://ws.example.com): unsupported scheme 'htp:'");
  });

  it('UPDATE … SET model_name lists what can be updated, without id', async () => {
    const r = await hookql(['exec', `UPDATE ${RES} SET model_name = 'x' WHERE workspace = 'local' AND id = 'abc'`], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('updatable: description, events, http_url_spec, job_spec, status\n');
  });

  it('a bare id next to json_each names the two sources and how to qualify it', async () => {
    const r = await hookql(['exec', `SELECT id FROM ${RES} AS w, json_each(events) e WHERE workspace = 'local'`], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `error [UNKNOWN_COLUMN]: column 'id' is ambiguous: ${RES} (as w) and json_each(…) both have one\nhint: qualify it: w.id\n`,
    );
  });

  it('in the shell, an unfilled variable is filled with .set, not --var', async () => {
    const r = await hookql(['shell', '-w', 'local'], { env: env(), stdin: "SELECT '{{ model }}' AS m;\n" });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('hint: .set model <value>\n');
    expect(r.stderr).not.toContain('--var');
  });
});

describe('--help, --version and completion scripts', () => {
  it('every command has examples and the exit codes in --help; the program lists the environment', async () => {
    for (const command of ['exec', 'shell', 'plan', 'apply', 'emulator']) {
      const r = await hookql([command, '--help'], { env: env() });
      expect(r.code, command).toBe(0);
      expect(r.stdout, command).toMatch(/\nExamples:\n {2}hookql /);
      expect(r.stdout, command).toContain('Exit codes:');
    }
    const top = await hookql(['--help'], { env: env() });
    expect(top.stdout).toContain('Environment:\n  HOOKQL_HOME');
    expect(top.stdout).toContain('HOOKQL_WORKSPACE');
    expect(top.stdout).toContain('2  the input was wrong');
    expect(top.stdout).toContain('completion <shell>');
  });

  it('--version gives the version on the first line, then each resource definition with its version', async () => {
    const r = await hookql(['--version'], { env: env() });
    const [first, title, ...defs] = r.stdout.trimEnd().split('\n');
    expect(first).toMatch(/^\d+\.\d+\.\d+$/);
    expect(title).toBe('resource definitions:');
    expect(defs.join('\n')).toMatch(new RegExp(`^  ${RES.replace(/\./g, '\\.')} +\\d+\\.\\d+\\.\\d+  .*model_registry_webhooks\\.yaml$`, 'm'));
  });

  it('completion bash completes commands, options and their values', async () => {
    const script = await hookql(['completion', 'bash'], { env: env() });
    expect(script.code).toBe(0);
    const file = join(home(), 'hookql.bash');
    writeFileSync(file, script.stdout);
    const complete = (...words: string[]) => {
      const r = spawnSync('bash', ['-c', `source "$0"; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _hookql; echo "\${COMPREPLY[*]}"`, file], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      return r.stdout.trim();
    };
    expect(complete('hookql', 'exe')).toBe('exec');
    expect(complete('hookql', 'ex')).toBe('exec export');
    expect(complete('hookql', 'exec', '-o', 'j')).toBe('json jsonl');
    expect(complete('hookql', 'exec', '--wo')).toBe('--workspace');
    expect(complete('hookql', 'plan', 'x.yaml', '--prune-scope', '')).toBe('workspaces models');
    expect(complete('hookql', 'completion', '')).toBe('bash zsh');
  });

  it('completion zsh is a #compdef script describing every command; an unknown shell is refused', async () => {
    const zsh = await hookql(['completion', 'zsh'], { env: env() });
    expect(zsh.stdout.startsWith('#compdef hookql\n')).toBe(true);
    for (const command of ['exec', 'shell', 'plan', 'apply', 'emulator']) expect(zsh.stdout).toContain(`\n    ${command})\n      _arguments -s`);
    expect(zsh.stdout).toContain(`'(-o --output)'{-o,--output}'[table | json | jsonl | csv | text]:value:(table json jsonl csv text)'`);
    if (spawnSync('zsh', ['--version']).status === 0) {
      const dir = home();
      writeFileSync(join(dir, '_hookql'), zsh.stdout);
      expect(spawnSync('zsh', ['-n', join(dir, '_hookql')], { encoding: 'utf8' }).status).toBe(0);
    }
    const fish = await hookql(['completion', 'fish'], { env: env() });
    expect(fish.code).toBe(2);
    expect(fish.stderr).toContain("no completion for 'fish'");
  });
});
