// The shell in a real pseudo-terminal (see pty/pty-session.ts), with the fake engine: what the
// terminal shows for multi-line input, Ctrl-C, Tab, history across restarts, .output and errors.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { hasScript, KEYS, nodeTs, PtySession } from './pty/pty-session.js';
import { tempHome } from './shell-harness.js';

const MAIN = fileURLToPath(new URL('./pty/fake-shell-main.ts', import.meta.url));
const PROMPT = 'hookql (local)> ';
const { ENTER, CTRL_C, CTRL_D, TAB, UP } = KEYS;

let sessions: PtySession[] = [];
function openShell(home = tempHome()): PtySession {
  const session = new PtySession(nodeTs(MAIN), { HOOKQL_HOME: home, NO_COLOR: '' });
  sessions.push(session);
  return session;
}
afterEach(async () => {
  await Promise.all(sessions.map((s) => s.close(100)));
  sessions = [];
});

describe.skipIf(!hasScript)('shell in a pseudo-terminal (fake engine)', () => {
  it('runs a statement typed over several lines, with the continuation prompt', async () => {
    const pty = openShell();
    await pty.expect(PROMPT);
    pty.send('SELECT id, model_name' + ENTER);
    await pty.expect('          ...> ');
    pty.send("  FROM t WHERE x = 'a;b'" + ENTER);
    await pty.expect(/\.\.\.> {3}FROM t WHERE x = 'a;b'\n {11}\.\.\.> $/);
    pty.send(';' + ENTER);
    const shown = await pty.expect('(2 rows in 12 ms)');
    expect(shown).toMatch(/│ id +│ model_name +│ events +│ description │/);
    expect(shown).toMatch(/│ wh-1 +│ churn-model +│ \["MODEL_VERSION_CREATED"\] +│ NULL +│/);
    pty.send(CTRL_D);
    expect(await pty.close()).toBe(0);
  });

  it('when Ctrl-C is pressed during a slow statement then it is cancelled and the shell stays up', async () => {
    const pty = openShell();
    await pty.expect(PROMPT);
    pty.send('SELECT slow;' + ENTER);
    await pty.expect('fetched 3,400 webhooks from 2 workspaces…');
    const mark = pty.mark();
    pty.send(CTRL_C);
    await pty.expect('error [CANCELLED]: statement cancelled', mark);
    await pty.expect(PROMPT, mark);
    pty.send('SELECT 1;' + ENTER);
    await pty.expect('(2 rows', mark);
    pty.send('.quit' + ENTER);
    expect(await pty.close()).toBe(0);
  });

  it('completes a column name with Tab', async () => {
    const pty = openShell();
    await pty.expect(PROMPT);
    pty.send('SELECT model_n' + TAB);
    await pty.expect('SELECT model_name');
    pty.send(' FROM t;' + ENTER);
    await pty.expect('(2 rows');
    pty.send(CTRL_D);
    await pty.close();
  });

  it('.output json prints JSON values; an error is followed by a good statement', async () => {
    const pty = openShell();
    await pty.expect(PROMPT);
    pty.send('.output json' + ENTER);
    await pty.expect('output format: json');
    pty.send('SELECT boom;' + ENTER);
    await pty.expect("error [API_404]: GET /api/x on workspace 'local' failed: HTTP 404 RESOURCE_DOES_NOT_EXIST: no such webhook");
    const mark = pty.mark();
    pty.send('SELECT 1;' + ENTER);
    const shown = await pty.expect('(2 rows in 12 ms)', mark);
    expect(shown).toContain('"events": [\n      "MODEL_VERSION_CREATED"\n    ],');
    expect(shown).toContain('"description": null');
    pty.send(CTRL_D);
    expect(await pty.close()).toBe(0);
  });

  it('recalls a multi-line statement from history after a restart, as one line', async () => {
    const home = tempHome();
    const first = openShell(home);
    await first.expect(PROMPT);
    first.send('SELECT id' + ENTER);
    await first.expect('...> ');
    first.send('FROM t;' + ENTER);
    await first.expect('(2 rows');
    first.send(CTRL_D);
    await first.close();
    expect(readFileSync(join(home, 'history'), 'utf8')).toBe('SELECT id FROM t;\n');

    const second = openShell(home);
    await second.expect(PROMPT);
    second.send(UP);
    await second.expect(`${PROMPT}SELECT id FROM t;`);
    second.send(ENTER);
    await second.expect('(2 rows');
    second.send(CTRL_D);
    expect(await second.close()).toBe(0);
  });
});
