// `hookql completion zsh|bash` typed at a real interactive shell: zsh (clean ZDOTDIR, the script on
// fpath, compinit) and bash (--norc, `source <(hookql completion bash)`) run in tmux, Tab is pressed,
// and the test reads what the terminal shows — what a user sees, not what a function returns.
// (tmux's capture-pane drops trailing spaces, hence the ` ?` after a completed word.)

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const has = (cmd: string) => spawnSync(cmd, ['-V'], { stdio: 'ignore' }).status === 0 || spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0;
const hasTmux = has('tmux');
const hasZsh = has('zsh');

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.reverse()) cleanup();
  cleanups = [];
});

/** A tmux server of its own (own socket), running one interactive shell in a clean environment. */
function terminal(shell: string, setup: (dir: string) => void): { keys: (...keys: string[]) => void; shows: (pattern: RegExp) => Promise<string> } {
  const dir = mkdtempSync(join(tmpdir(), 'hookql-completion-'));
  mkdirSync(join(dir, 'bin'));
  writeFileSync(join(dir, 'bin', 'hookql'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(join(dir, 'bin', 'hookql'), 0o755);
  setup(dir);
  const socket = `hookql-completion-${process.pid}-${cleanups.length}`;
  const tmux = (...args: string[]) => spawnSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
  const env = `env -i HOME=${dir} TERM=xterm PATH=${dir}/bin:/usr/bin:/bin ZDOTDIR=${dir} HOOKQL_HOME=${dir}/.hookql`;
  const started = tmux('new-session', '-d', '-x', '160', '-y', '40', `${env} ${shell}`);
  expect(started.status, started.stderr).toBe(0);
  cleanups.push(() => {
    // The shell (its history) and a completion's hookql (its code cache) may still be writing into
    // dir as the server goes: wait for the shell to exit, then let rmSync retry what is left.
    const shellPid = Number(tmux('list-panes', '-F', '#{pane_pid}').stdout.trim());
    tmux('kill-server');
    waitForExit(shellPid, 5_000);
    rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
  });
  return {
    keys: (...keys) => void tmux('send-keys', ...keys),
    // Polls the screen: the shell, node and the completion answer when the machine lets them.
    shows: async (pattern) => {
      const deadline = Date.now() + 20_000;
      let screen = '';
      while (Date.now() < deadline) {
        screen = tmux('capture-pane', '-p').stdout;
        if (pattern.test(screen)) return screen;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`the terminal never showed ${pattern}; it shows:\n${screen}`);
    },
  };
}

function waitForExit(pid: number, ms: number): void {
  const until = Date.now() + ms;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  while (Number.isInteger(pid) && pid > 0 && Date.now() < until) {
    try {
      process.kill(pid, 0);
    } catch {
      return; // gone
    }
    Atomics.wait(pause, 0, 0, 50);
  }
}

describe.skipIf(!hasTmux)('completion scripts in an interactive shell (tmux)', () => {
  it.skipIf(!hasZsh)('zsh: Tab lists the commands with their descriptions, then the options of exec, then the values of -o', async () => {
    const t = terminal('zsh -i', (dir) => {
      mkdirSync(join(dir, 'functions'));
      writeFileSync(join(dir, 'functions', '_hookql'), spawnSync(process.execPath, [CLI, 'completion', 'zsh'], { encoding: 'utf8' }).stdout);
      writeFileSync(join(dir, '.zshrc'), `fpath=("$ZDOTDIR/functions" $fpath)\nautoload -Uz compinit && compinit -u -d "$ZDOTDIR/.zcompdump"\nPS1='%% '\n`);
    });
    await t.shows(/^% ?$/m);
    t.keys('hookql ex', 'Tab');
    const commands = await t.shows(/^export +-- write the live state/m);
    expect(commands).toMatch(/^exec +-- run SQL statements/m);
    t.keys('C-u', 'hookql exec -', 'Tab');
    const options = await t.shows(/^--workspace +-w +-- the workspace of statements/m);
    expect(options).toMatch(/^--output +-o +-- table \| json \| jsonl \| csv \| text$/m);
    expect(options).toMatch(/^--file +-f +-- read the SQL from a file/m);
    t.keys('C-u', 'hookql exec -o js', 'Tab');
    await t.shows(/^% hookql exec -o json/m);
  });

  it('bash: Tab Tab lists the commands, Tab completes an option and a value', async () => {
    const t = terminal("bash --norc --noprofile -i", () => {});
    t.keys("PS1='$ '", 'Enter');
    t.keys('source <(hookql completion bash)', 'Enter');
    await t.shows(/^\$ source <\(hookql completion bash\)\n\$ ?$/m);
    t.keys('hookql ex', 'Tab', 'Tab');
    await t.shows(/^exec +export *$/m);
    t.keys('C-u', 'hookql exec --wo', 'Tab');
    await t.shows(/^\$ hookql exec --workspace ?$/m);
    t.keys('local --output cs', 'Tab');
    await t.shows(/^\$ hookql exec --workspace local --output csv ?$/m);
  });
});
