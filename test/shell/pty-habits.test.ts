// psql and sqlite3 habits in `hookql shell`, in a pseudo-terminal (100x40) with the real engine on the
// local workspace: exit/quit/help without `;`, the `'>` prompt, \x and .mode line, .headers, \d,
// the pager for tall results, \e with $EDITOR, \timing.

import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasScript, KEYS, nodeTs, PtySession } from './pty/pty-session.js';
import { tempHome } from './shell-harness.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const RESOURCE = 'databricks_workspace.ml.model_registry_webhooks';
const { ENTER } = KEYS;
const PROMPT = 'hookql (local)> ';

let sessions: PtySession[] = [];
async function openShell(env: Record<string, string> = {}): Promise<PtySession> {
  const session = new PtySession(nodeTs(MAIN, 'shell'), { HOOKQL_HOME: tempHome(), NO_COLOR: '1', ...env });
  sessions.push(session);
  await session.expect(PROMPT, 0, 20_000);
  return session;
}
/** Types a line and waits for the next main prompt after it; returns what the terminal showed. */
async function type(pty: PtySession, line: string, until: string | RegExp = PROMPT): Promise<string> {
  const mark = pty.mark();
  pty.send(line + ENTER);
  const shown = await pty.expect(typeof until === 'string' ? new RegExp(`${escape(line)}[\\s\\S]*${escape(until)}$`) : until, mark, 20_000);
  return shown;
}
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

afterEach(async () => {
  await Promise.all(sessions.map((s) => s.close(100)));
  sessions = [];
});

describe.skipIf(!hasScript)('shell habits from psql and sqlite3 (pseudo-terminal)', () => {
  it('exit, quit and help need no semicolon', async () => {
    const pty = await openShell();
    const help = await type(pty, 'help');
    expect(help).toContain('Commands:');
    expect(help).not.toContain('...>');
    pty.send('exit' + ENTER);
    expect(await pty.close(10_000)).toBe(0);
    const other = await openShell();
    other.send('quit' + ENTER);
    expect(await other.close(10_000)).toBe(0);
  });

  it("an open string shows '> (not ...>) until it is closed", async () => {
    const pty = await openShell();
    const mark = pty.mark();
    pty.send("SELECT 'it''s" + ENTER);
    await pty.expect(/\n {13}'> $/, mark);
    pty.send("fine' AS x;" + ENTER);
    await pty.expect(/│ it's⏎fine │[\s\S]*hookql \(local\)> $/, mark, 20_000);
    pty.send('SELECT 1' + ENTER);
    await pty.expect(/\n {11}\.\.\.> $/, mark);
    pty.send(';' + ENTER);
    await pty.expect(/│ 1 +│[\s\S]*hookql \(local\)> $/, mark, 20_000);
  });

  it('\\x and .mode line show one column | value block per row; .mode table and .headers off', async () => {
    const pty = await openShell();
    expect(await type(pty, '\\x')).toContain('expanded display is on');
    const expanded = await type(pty, "SELECT 1 AS one, 'two' AS second_column;");
    expect(expanded).toMatch(/-\[ RECORD 1 \]-*\+-+\none {11}\| 1\nsecond_column \| two\n\(1 row in/);
    await type(pty, '\\x off');
    await type(pty, '.mode line');
    expect(await type(pty, 'SELECT 3 AS three;')).toMatch(/-\[ RECORD 1 \][-+]+\nthree \| 3\n/);
    await type(pty, '.mode table');
    await type(pty, '.headers off');
    const bare = await type(pty, 'SELECT 4 AS four;');
    expect(bare).toMatch(/┌───┐\n│ 4 │\n└───┘/);
    expect(bare.split('\n').slice(1).join('\n')).not.toContain('four');
    await type(pty, '.headers on');
    expect(await type(pty, 'SELECT 5 AS five;')).toContain('│ five │');
  });

  it('\\d NAME describes a resource by its short name; \\d and .tables list them', async () => {
    const pty = await openShell();
    const described = await type(pty, '\\d model_registry_webhooks');
    expect(described).toMatch(/│ model_name +│ string +│/);
    expect(described).toMatch(/│ status +│ string +│/);
    // SHOW RESOURCES, cut to the terminal's 100 columns.
    expect(await type(pty, '.tables')).toMatch(/│ model_registry_webhooks +│ databricks_workspace\.ml\.model… │ Model Registry Webhooks/);
    expect(await type(pty, '\\d')).toMatch(/│ model_registry_webhooks +│ databricks_workspace\.ml\.model… │ Model Registry Webhooks/);
    expect(await type(pty, '.schema nosuch')).toContain('error [UNKNOWN_RESOURCE]');
  });

  it('a result taller than the terminal goes through $PAGER; a short one does not', async () => {
    // A "pager" that marks every line, so the test sees exactly what went through it.
    const pty = await openShell({ PAGER: 'sed s/^/PAGED:/' });
    const tall = await type(pty, 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60) SELECT i FROM n;');
    expect(tall).toContain('PAGED:│ 60 │');
    expect(tall).toMatch(/PAGED:\(60 rows in/);
    const short = await type(pty, 'SELECT 7 AS seven;');
    expect(short).toContain('│ 7     │');
    expect(short).not.toContain('PAGED:');
    await type(pty, '.pager off');
    expect(await type(pty, 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60) SELECT i FROM n;')).not.toContain('PAGED:');
  });

  it('\\e opens the last statement in $EDITOR and runs what was saved', async () => {
    // The "editor" changes the statement in place, as a person would, and exits 0.
    const pty = await openShell({ EDITOR: 'sed -i s/41/42/' });
    await type(pty, 'SELECT 41 AS answer;');
    const edited = await type(pty, '\\e');
    expect(edited).toContain('SELECT 42 AS answer;');
    expect(edited).toContain('│ 42     │');
    const failed = await openShell({ EDITOR: 'false' });
    await type(failed, 'SELECT 1;');
    expect(await type(failed, '.edit')).toContain("the editor 'false' exited with 1; nothing was run");
  });

  it('\\e puts the edited statement in the history: Up brings it back, and the history file keeps it', async () => {
    // The "editor" is a script that writes a whole new statement over the file it is given.
    const home = tempHome();
    const editor = join(home, 'write-statement.sh');
    writeFileSync(editor, `#!/bin/sh\nprintf 'SELECT 7 * 6 AS edited;\\n' > "$1"\n`, { mode: 0o755 });
    const pty = await openShell({ EDITOR: editor, HOOKQL_HOME: home });
    await type(pty, 'SELECT 1 AS typed;');
    expect(await type(pty, '\\e')).toContain('│ 42     │');
    const mark = pty.mark();
    pty.send(KEYS.UP);
    await pty.expect(/hookql \(local\)> SELECT 7 \* 6 AS edited;$/, mark);
    pty.send(ENTER);
    await pty.expect(/│ 42     │[\s\S]*hookql \(local\)> $/, mark, 20_000);
    expect(readFileSync(join(home, 'history'), 'utf8').split('\n')).toEqual(['SELECT 1 AS typed;', '\\e', 'SELECT 7 * 6 AS edited;', 'SELECT 7 * 6 AS edited;', '']);
  });

  it('\\timing toggles the timing line', async () => {
    const pty = await openShell();
    expect(await type(pty, '\\timing')).toContain('timing on');
    expect(await type(pty, `SELECT count(*) AS n FROM ${RESOURCE};`)).toMatch(/Time: [\d.]+ m?s · 1 API request · 1 page · 0 rows fetched/);
    expect(await type(pty, '\\timing off')).toContain('timing off');
  });
});
