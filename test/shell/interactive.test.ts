// The prompt, driven in-process: stdin/stdout are PassThrough streams that say they are a TTY, so
// node:readline runs in terminal mode and keys are written as the bytes a terminal would send.

import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startShell, tempHome } from './shell-harness.js';

const ENTER = '\r';
const CTRL_C = '\x03';
const CTRL_D = '\x04';
const TAB = '\t';
const UP = '\x1b[A';

let shells: ReturnType<typeof startShell>[] = [];
const open = (home?: string) => {
  const shell = startShell({ tty: true, env: home === undefined ? {} : { HOOKQL_HOME: home } });
  shells.push(shell);
  return shell;
};
afterEach(async () => {
  for (const s of shells) s.stdin.end();
  await Promise.all(shells.map((s) => s.done));
  shells = [];
});

describe('interactive shell', () => {
  it('greets with a banner and a prompt that shows the default workspace', async () => {
    const shell = open();
    await shell.waitFor('hookql (local)> ');
    expect(shell.stdout()).toContain('Type .help for commands');
    expect(shell.stdout()).toContain('INSERT INTO databricks_workspace.ml.model_registry_webhooks');
    expect(shell.stdout()).toContain('hookql apply');
  });

  it('shows a continuation prompt until the ; and then runs the whole statement', async () => {
    const shell = open();
    await shell.waitFor('hookql (local)> ');
    shell.type('SELECT id' + ENTER);
    await shell.waitFor('          ...> ');
    shell.type('FROM t;' + ENTER);
    await shell.waitFor(/\(2 rows in 12 ms\)/);
    expect(shell.engine.calls[0].sql).toBe('SELECT id\nFROM t;');
    expect(shell.engine.calls[0].options.defaultWorkspace).toBe('local');
  });

  it('draws NULL distinctly (dimmed) and fits the table to the terminal', async () => {
    const shell = open();
    shell.type('SELECT 1;' + ENTER);
    await shell.waitFor('(2 rows');
    expect(shell.rawStdout()).toMatch(/\x1b\[2mNULL\x1b\[22m/);
    const tableLines = shell.stdout().split('\n').filter((l) => /^[┌│├└]/.test(l));
    expect(tableLines.length).toBeGreaterThan(4);
    const widest = Math.max(...tableLines.map((l) => [...l].length));
    expect(widest).toBeLessThanOrEqual(100);
  });

  it('when Ctrl-C is pressed on a half-typed statement then the input is dropped', async () => {
    const shell = open();
    shell.type('SELECT id' + ENTER);
    await shell.waitFor('...> ');
    shell.type('FROM' + CTRL_C);
    await shell.waitFor(/\.\.\.> FROM\nhookql \(local\)> $/);
    shell.type('SELECT 2;' + ENTER);
    await shell.waitFor('(2 rows');
    expect(shell.engine.calls.map((c) => c.sql)).toEqual(['SELECT 2;']);
  });

  it('when Ctrl-C is pressed while a statement runs then it is cancelled and the shell stays up', async () => {
    const shell = open();
    shell.type('SELECT slow;' + ENTER);
    await new Promise((r) => setTimeout(r, 50));
    shell.type(CTRL_C);
    await shell.waitFor('error [CANCELLED]', 'stderr');
    const signal = shell.engine.calls[0].options.signal;
    expect(signal?.aborted).toBe(true);
    shell.type('SELECT 2;' + ENTER);
    await shell.waitFor('(2 rows');
  });

  it('shows a progress line on stderr while a slow statement fetches, and erases it', async () => {
    const shell = open();
    shell.type('SELECT slow;' + ENTER);
    await shell.waitFor('fetched 3,400 webhooks from 2 workspaces…', 'stderr');
    shell.type(CTRL_C);
    await shell.waitFor('error [CANCELLED]', 'stderr');
    expect(shell.rawStderr()).toMatch(/\r\x1b\[Kerror \[CANCELLED\]/);
  });

  it('shows an error with its hint and keeps going', async () => {
    const shell = open();
    shell.type('SELECT syntax;' + ENTER);
    await shell.waitFor('hint: check the statement', 'stderr');
    shell.type('SELECT 1;' + ENTER);
    await shell.waitFor('(2 rows');
  });

  it('sends write summaries to stderr', async () => {
    const shell = open();
    shell.type("INSERT INTO t SELECT 'a';" + ENTER);
    await shell.waitFor('1 webhook created', 'stderr');
  });

  it('.output json prints JSON, with the row count on stderr', async () => {
    const shell = open();
    shell.type('.output json' + ENTER);
    await shell.waitFor('output format: json', 'stderr');
    shell.type('SELECT 1;' + ENTER);
    await shell.waitFor('(2 rows in 12 ms)', 'stderr');
    expect(shell.stdout()).toContain('"events": [\n      "MODEL_VERSION_CREATED"\n    ]');
  });

  it('.workspace changes the prompt', async () => {
    const shell = open();
    shell.type('.workspace prod' + ENTER);
    await shell.waitFor('hookql (prod)> ');
    shell.type('.workspace -' + ENTER);
    await shell.waitFor(/\nhookql> $/);
  });

  it('completes a column with Tab', async () => {
    const shell = open();
    shell.type('SELECT model_' + TAB);
    await shell.waitFor('SELECT model_name');
    shell.type(' FROM t;' + ENTER);
    await shell.waitFor('(2 rows');
    expect(shell.engine.calls[0].sql).toBe('SELECT model_name FROM t;');
  });

  it('keeps history across sessions in $HOOKQL_HOME/history, one entry per statement', async () => {
    const home = tempHome();
    const first = open(home);
    first.type('SELECT id' + ENTER + '  FROM t -- note' + ENTER + ';' + ENTER);
    await first.waitFor('(2 rows');
    first.type('.timing on' + ENTER);
    await first.waitFor('timing on', 'stderr');
    first.type(CTRL_D);
    expect(await first.done).toBe(0);
    const file = join(home, 'history');
    expect(readFileSync(file, 'utf8')).toBe('SELECT id FROM t ;\n.timing on\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const second = open(home);
    await second.waitFor('hookql (local)> ');
    second.type(UP + UP + ENTER);
    await second.waitFor('(2 rows');
    expect(second.engine.calls[0].sql).toBe('SELECT id FROM t ;');
  });

  it('keeps a statement with a webhook secret out of the history file, but recalls it in the session', async () => {
    const home = tempHome();
    const shell = open(home);
    shell.type(`INSERT INTO t SELECT '{"url": "https://x", "secret": "s3cret"}';` + ENTER);
    await shell.waitFor('1 webhook created', 'stderr');
    shell.type('SELECT 1;' + ENTER);
    await shell.waitFor('(2 rows');
    shell.type(UP + UP + ENTER);
    await shell.waitFor(/1 webhook created\n.*1 webhook created/s, 'stderr');
    expect(shell.engine.calls.map((c) => c.sql.slice(0, 13))).toEqual(['INSERT INTO t', 'SELECT 1;', 'INSERT INTO t']);
    expect(readFileSync(join(home, 'history'), 'utf8')).toBe('SELECT 1;\n');
  });

  it('when Enter is pressed on an empty line then nothing runs and history gains no empty entry', async () => {
    const home = tempHome();
    const shell = open(home);
    shell.type('SELECT 1;' + ENTER);
    await shell.waitFor('(2 rows');
    shell.type(ENTER + '   ' + ENTER + UP + ENTER);
    await shell.waitFor(/\(2 rows[^]*\(2 rows/);
    expect(shell.engine.calls.map((c) => c.sql)).toEqual(['SELECT 1;', 'SELECT 1;']);
    expect(readFileSync(join(home, 'history'), 'utf8')).toBe('SELECT 1;\nSELECT 1;\n');
  });

  it('when the history file holds earlier entries then Up recalls the newest first', async () => {
    const home = tempHome();
    writeFileSync(join(home, 'history'), 'SELECT old;\nSELECT newest;\n');
    const shell = open(home);
    shell.type(UP + ENTER);
    await shell.waitFor('(2 rows');
    expect(shell.engine.calls[0].sql).toBe('SELECT newest;');
  });

  it('.quit and Ctrl-D leave with exit code 0 even after errors, and close the engine', async () => {
    const shell = open();
    shell.type('SELECT boom;' + ENTER);
    await shell.waitFor('error [API_404]', 'stderr');
    shell.type('.quit' + ENTER);
    expect(await shell.done).toBe(0);
    expect(shell.engine.closed).toBe(true);
  });
});
