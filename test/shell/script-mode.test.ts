// `hookql shell` with stdin not a terminal: statements from the pipe, no prompts, no colours.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DefinitionError } from '../../src/errors.js';
import { runScript, startShell } from './shell-harness.js';

describe('shell on a pipe', () => {
  it('runs each statement and prints tables without prompts or banner', async () => {
    const { code, stdout, stderr, engine } = await runScript(`SELECT id\n  FROM ${'t'};\nSELECT 2;\n`);
    expect(code).toBe(0);
    expect(engine.calls.map((c) => c.sql)).toEqual(['SELECT id\n  FROM t;', 'SELECT 2;']);
    expect(stdout).not.toMatch(/hookql>|\.help/);
    expect(stdout.match(/\(2 rows\)/g)).toHaveLength(2);
    expect(stdout).toContain('NULL');
    expect(stderr).toBe('');
  });

  it('prints no colour codes', async () => {
    const { stdout } = await runScript('SELECT 1;');
    expect(stdout).not.toContain('\x1b[');
  });

  it('when a statement fails then the error is shown, the rest still runs, and the exit code is the first failure', async () => {
    const { code, stdout, stderr, engine } = await runScript('SELECT syntax;\nSELECT boom;\nSELECT 3;\n');
    expect(engine.calls).toHaveLength(3);
    expect(stderr).toContain('error [SQL_SYNTAX]: unexpected word (at line 1, column 8)');
    expect(stderr).toContain('hint: check the statement');
    expect(stderr).toContain('error [API_404]');
    expect(stdout).toContain('(2 rows)');
    expect(code).toBe(2);
  });

  it('when the first failure is an API error then the exit code is 1', async () => {
    expect((await runScript('SELECT boom; SELECT syntax;')).code).toBe(1);
  });

  it('sends write summaries to stderr and nothing to stdout', async () => {
    const { stdout, stderr } = await runScript("INSERT INTO t SELECT 'x';");
    expect(stdout).toBe('');
    expect(stderr).toBe('1 webhook created\n');
  });

  it('runs a last statement that has no ;', async () => {
    const { engine } = await runScript('SELECT 1;\nSELECT 2');
    expect(engine.calls.map((c) => c.sql)).toEqual(['SELECT 1;', 'SELECT 2']);
  });

  it('.output json prints JSON values, and .output csv CSV', async () => {
    const { stdout } = await runScript('.output json\nSELECT 1;\n.output csv\nSELECT 1;\n');
    const [json, csv] = stdout.split(/(?<=\]\n)/);
    expect(JSON.parse(json)[0]).toEqual({ id: 'wh-1', model_name: 'churn-model', events: ['MODEL_VERSION_CREATED'], description: null });
    expect(csv.split('\n')[0]).toBe('id,model_name,events,description');
  });

  it('passes .set variables and .workspace to the engine', async () => {
    const { engine } = await runScript(".set model churn-model\n.set label 'a b '\n.workspace prod\nSELECT settings;\n.workspace -\nSELECT settings;\n");
    expect(engine.calls[0].options).toMatchObject({ vars: { model: 'churn-model', label: 'a b ' }, defaultWorkspace: 'prod' });
    expect(engine.calls[1].options.defaultWorkspace).toBeUndefined();
  });

  it('has no default workspace unless given one (a script should not quietly use the emulator)', async () => {
    expect((await runScript('SELECT settings;')).engine.calls[0].options.defaultWorkspace).toBeUndefined();
    const given = await runScript('SELECT settings;', { options: { workspace: 'prod' } });
    expect(given.engine.calls[0].options.defaultWorkspace).toBe('prod');
    const fromEnv = await runScript('SELECT settings;', { env: { HOOKQL_WORKSPACE: 'staging' } });
    expect(fromEnv.engine.calls[0].options.defaultWorkspace).toBe('staging');
  });

  it('.timing on prints time, requests and rows fetched on stderr', async () => {
    const { stderr } = await runScript('.timing on\nSELECT 1;');
    expect(stderr).toBe('Time: 12 ms · 1 API request · 1 page · 2 rows fetched\n');
  });

  it('.read runs a file in the session; a missing file is an input error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hookql-read-'));
    writeFileSync(join(dir, 'a.sql'), '.output text\nSELECT 1;\nSELECT boom;\nSELECT 2;\n');
    const { engine, stdout, code } = await runScript(`.read ${join(dir, 'a.sql')}\nSELECT 3;\n.read ${join(dir, 'nope.sql')}\n`);
    expect(engine.calls.map((c) => c.sql)).toEqual(['SELECT 1;', 'SELECT boom;', 'SELECT 2;', 'SELECT 3;']);
    expect(stdout).toContain('wh-1\tchurn-model');
    expect(code).toBe(1);
  });

  it('when a file reads itself then .read stops with an error instead of recursing forever', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hookql-read-'));
    const file = join(dir, 'loop.sql');
    writeFileSync(file, `.read ${file}\n`);
    const { stderr, code } = await runScript(`.read ${file}\n`);
    expect(stderr).toContain('.read nested 16 deep');
    expect(code).toBe(2);
  });

  it('.quit stops reading', async () => {
    const { engine, code } = await runScript('SELECT 1;\n.quit\nSELECT 2;\n');
    expect(engine.calls).toHaveLength(1);
    expect(code).toBe(0);
    expect(engine.closed).toBe(true);
  });

  it.each([
    ['.outptu json', "error [USAGE]: unknown command '.outptu'", "hint: did you mean '.output'? .help lists the commands"],
    ['.output xml', "error [USAGE]: unknown output format 'xml'", 'hint: use one of table, json, jsonl, csv, text'],
    ['.timing maybe', "error [USAGE]: .timing takes on or off, got 'maybe'", ''],
    ['.set x', "error [USAGE]: .set needs a name and a value, got 'x'", ''],
  ])('when the meta command is %j then it fails with exit code 2', async (line, message, hint) => {
    const { stderr, code } = await runScript(line + '\n');
    expect(stderr).toContain(message);
    expect(stderr).toContain(hint);
    expect(code).toBe(2);
  });

  it('when the engine cannot start (a broken resource definition) then the error is shown with exit code 2', async () => {
    const h = startShell({
      createEngine: () => {
        throw new DefinitionError('resources/x.yaml', [{ at: 'methods.list.path', message: 'required' }]);
      },
    });
    h.stdin.end('SELECT 1;');
    expect(await h.done).toBe(2);
    expect(h.stderr()).toContain('error [DEFINITION_INVALID]: resources/x.yaml: 1 problem(s)\n  methods.list.path: required');
  });

  it('.help lists the commands and the resources; .vars lists variables', async () => {
    const { stdout } = await runScript('.help\n.set a 1\n.vars\n');
    expect(stdout).toContain('.output [FORMAT]');
    expect(stdout).toContain('databricks_workspace.ml.model_registry_webhooks');
    expect(stdout).toContain('a = 1\n');
  });
});
