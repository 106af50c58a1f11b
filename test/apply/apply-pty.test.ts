// `hookql apply` on a real pseudo-terminal (util-linux `script`, see test/shell/pty): it shows the
// plan and asks; `no` changes nothing, `yes` applies, and Ctrl-C mid-apply reports what was not started.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { hasScript, KEYS, nodeTs, PtySession } from '../shell/pty/pty-session.js';
import { live, reset, seen } from '../engine/write-support.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
let emu: RunningEmulator;
let sessions: PtySession[] = [];

function manifestFile(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'hookql-apply-pty-'));
  const entries = Array.from({ length: count }, (_, i) =>
    [`  - name: hook-${i}`, '    props:', '      - { name: workspace, value: "{{ workspace }}" }', `      - { name: model_name, value: m${i} }`, '      - { name: events, value: [MODEL_VERSION_CREATED] }', `      - { name: http_url_spec, value: { url: "https://h.example.com/${i}" } }`].join('\n'),
  );
  const file = join(dir, 'hooks.yaml');
  writeFileSync(file, `version: 1\nvars: { workspace: ${emu.url} }\nwebhooks:\n${entries.join('\n')}\n`);
  return file;
}

function apply(file: string, ...args: string[]): PtySession {
  const session = new PtySession(nodeTs(MAIN, 'apply', file, ...args), { HOOKQL_HOME: mkdtempSync(join(tmpdir(), 'hookql-home-')), DATABRICKS_TOKEN: 'dev-token', NO_COLOR: '1' });
  sessions.push(session);
  return session;
}

describe.skipIf(!hasScript)('hookql apply on a terminal', () => {
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, token: 'dev-token' });
  });
  afterAll(async () => emu.close());
  beforeEach(async () => reset(emu));
  afterEach(async () => {
    await Promise.all(sessions.map((s) => s.close(100)));
    sessions = [];
  });

  it('asks before changing anything; answering no changes nothing', async () => {
    const pty = apply(manifestFile(2));
    await pty.expect('Apply these changes? (yes/no) ', 0, 20_000);
    expect(pty.text()).toContain('Plan: 2 to create, 0 to update, 0 to delete, 0 unchanged.');
    pty.send('no' + KEYS.ENTER);
    await pty.expect('Apply cancelled: nothing was changed.');
    expect(await pty.close()).toBe(1);
    expect(await live(emu)).toEqual([]);
    expect((await seen(emu)).filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('answering yes applies; -y does not ask', async () => {
    const file = manifestFile(2);
    const pty = apply(file);
    await pty.expect('Apply these changes? (yes/no) ', 0, 20_000);
    pty.send('yes' + KEYS.ENTER);
    await pty.expect('Apply complete: 2 created, 0 updated, 0 deleted, 0 unchanged, 0 failed.', 0, 20_000);
    expect(await pty.close()).toBe(0);
    expect(await live(emu)).toHaveLength(2);
    await reset(emu);
    const auto = apply(file, '-y');
    await auto.expect('Apply complete: 2 created', 0, 20_000);
    expect(auto.text()).not.toContain('Apply these changes?');
    expect(await auto.close()).toBe(0);
  });

  it('Ctrl-C at the question cancels without changing anything', async () => {
    const pty = apply(manifestFile(1));
    await pty.expect('Apply these changes? (yes/no) ', 0, 20_000);
    pty.send(KEYS.CTRL_C);
    await pty.expect('Apply cancelled: nothing was changed.');
    expect(await pty.close()).toBe(1);
    expect(await live(emu)).toEqual([]);
  });

  it('Ctrl-C during apply reports the changes not yet started as "not started", not failed', async () => {
    const pty = apply(manifestFile(6), '--concurrency', '1');
    await pty.expect('Apply these changes? (yes/no) ', 0, 20_000);
    emu.setFaults('latency=1500');
    pty.send('yes' + KEYS.ENTER);
    await pty.expect('apply |', 0, 20_000);
    pty.send(KEYS.CTRL_C);
    const shown = await pty.expect(/Apply interrupted: .*not started\./, 0, 20_000);
    emu.setFaults('none');
    expect(shown).toContain('interrupted: not starting further changes');
    expect(shown).toMatch(/ {2}- [456] not started: apply was interrupted \(Ctrl-C\)/);
    expect(shown).not.toMatch(/✗ hook-[2-5]/);
    // One cut off in flight (if any) is a failure whose outcome is unknown, and says so.
    for (const line of shown.split('\n').filter((l) => l.includes('✗'))) {
      expect(line).toMatch(/✗ hook-[01] \(.*\): \[CANCELLED\] interrupted in flight \(Ctrl-C\): it may or may not have been applied/);
    }
    expect(await pty.close(10_000)).toBe(1);
    expect((await live(emu)).length).toBeLessThanOrEqual(2);
  });
});
