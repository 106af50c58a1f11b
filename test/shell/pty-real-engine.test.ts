// `hookql shell` end to end in a pseudo-terminal: the real CLI entry point (src/cli/main.ts, what
// `npm start` runs once built) with the real engine, against the embedded local workspace or an
// emulator started here with a latency fault.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { observingProxy } from './pty/observing-proxy.js';
import { hasScript, KEYS, nodeTs, PtySession } from './pty/pty-session.js';
import { tempHome } from './shell-harness.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const RESOURCE = 'databricks_workspace.ml.model_registry_webhooks';
const { ENTER, CTRL_C, CTRL_D } = KEYS;

let sessions: PtySession[] = [];
function openShell(env: Record<string, string> = {}): PtySession {
  const session = new PtySession(nodeTs(MAIN, 'shell'), { HOOKQL_HOME: tempHome(), NO_COLOR: '1', ...env });
  sessions.push(session);
  return session;
}
async function until(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
    await new Promise((r) => setTimeout(r, 20));
  }
}
afterEach(async () => {
  await Promise.all(sessions.map((s) => s.close(100)));
  sessions = [];
});

describe.skipIf(!hasScript)('hookql shell in a pseudo-terminal (real engine)', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ token: 'dev-token' });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('on a fresh HOOKQL_HOME, counts 0 webhooks in the local workspace with no set-up', async () => {
    const home = tempHome();
    const pty = new PtySession(nodeTs(MAIN, 'shell'), { HOOKQL_HOME: home, NO_COLOR: '1' });
    sessions.push(pty);
    await pty.expect('hookql (local)> ', 0, 20_000);
    pty.send(`SELECT count(*) FROM ${RESOURCE} WHERE workspace = 'local';` + ENTER);
    const shown = await pty.expect(/\(1 row in [\d.]+ m?s\)/, 0, 20_000);
    expect(shown).toMatch(/│ count\(\*\) │\n├─+┤\n│ 0 +│/);
    pty.send(CTRL_D);
    expect(await pty.close()).toBe(0);
    expect(existsSync(join(home, 'local.db'))).toBe(true);
    expect(existsSync(join(home, 'history'))).toBe(true);
  });

  it('when Ctrl-C is pressed during a slow request then the request is aborted and the shell stays up', async () => {
    emulator.setFaults('latency=20000');
    const proxy = await observingProxy(emulator.url);
    try {
      const pty = openShell({ DATABRICKS_TOKEN: 'dev-token' });
      await pty.expect('hookql (local)> ', 0, 20_000);
      pty.send(`.workspace ${proxy.url}` + ENTER);
      await pty.expect(`hookql (${proxy.url})> `);
      const mark = pty.mark();
      pty.send(`SELECT id FROM ${RESOURCE};` + ENTER);
      await until(() => proxy.arrived === 1);
      await pty.expect('running… (Ctrl-C cancels)', mark);
      const pressed = Date.now();
      pty.send(CTRL_C);
      await pty.expect('error [CANCELLED]', mark);
      expect(Date.now() - pressed).toBeLessThan(5000);
      await until(() => proxy.abandoned === 1);
      emulator.setFaults('none');
      pty.send(`SELECT count(*) AS n FROM ${RESOURCE};` + ENTER);
      await pty.expect(/│ 0 +│\n└─+┘\n\(1 row in/, mark);
      pty.send('.quit' + ENTER);
      expect(await pty.close()).toBe(0);
    } finally {
      emulator.setFaults('none');
      await proxy.close();
    }
  });

  it('shows an error with a hint, then runs the next statement; writes summarise on stderr', async () => {
    const pty = openShell();
    await pty.expect('hookql (local)> ', 0, 20_000);
    pty.send(`SELECT model_nme FROM ${RESOURCE};` + ENTER);
    await pty.expect("error [UNKNOWN_COLUMN]: unknown column 'model_nme'", 0, 20_000);
    const mark = pty.mark();
    pty.send(`INSERT INTO ${RESOURCE} (model_name, events, http_url_spec)` + ENTER);
    pty.send(`SELECT 'churn-model', '["MODEL_VERSION_CREATED"]', '{"url": "https://example.com/hook"}';` + ENTER);
    await pty.expect('1 webhook created', mark, 20_000);
    pty.send(`SELECT model_name, events FROM ${RESOURCE};` + ENTER);
    await pty.expect(/│ churn-model +│ \["MODEL_VERSION_CREATED"\] │\n└/, mark, 20_000);
    pty.send(CTRL_D);
    expect(await pty.close()).toBe(0);
  });
});
