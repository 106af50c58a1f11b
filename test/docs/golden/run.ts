// Runs the transcripts of one page, in order, in a sandbox: a temporary HOME and working directory,
// `hookql` on PATH as the built CLI, emulators started on demand. Every block's output is returned as
// the lines a reader would see, for the caller to compare with (or write into) the page.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ANY_PROMPT, type Block, type Step } from './markdown.js';
import { Screen } from './screen.js';
import { trimTrailingBlank } from './normalise.js';
import { startHostileServer } from '../../reliability/support/hostile-server.js';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
// The executable a user gets: package.json's `bin` (the tsc output or a bundle, whatever the build makes).
const CLI = join(ROOT, (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: { hookql: string } }).bin.hookql);
const COMMAND_TIMEOUT_MS = 120_000;
const SEPARATOR = '\x1e';

export interface StepResult {
  readonly output: string[];
}

export class PageSandbox {
  private home = '';
  private work = '';
  private readonly bin: string;
  /** Emulators, fake workspaces and background commands, by the variable that holds their URL. */
  private servers = new Map<string, { url: string; stop: () => void }>();

  constructor() {
    this.bin = mkdtempSync(join(tmpdir(), 'hookql-docs-bin-'));
    writeExecutable(join(this.bin, 'hookql'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
    // `npx hookql` must not look anything up in a registry; other npx uses are not for transcripts.
    writeExecutable(join(this.bin, 'npx'), `#!/bin/sh\nif [ "$1" = hookql ]; then shift; exec hookql "$@"; fi\necho "docs-test: only 'npx hookql' runs in a transcript" >&2; exit 127\n`);
    writeExecutable(join(this.bin, 'npm'), `#!/bin/sh\nif [ "$*" = "start --silent" ] || [ "$*" = "--silent start" ]; then exec hookql shell; fi\necho "docs-test: only 'npm start --silent' runs in a transcript" >&2; exit 127\n`);
    this.reset();
  }

  /** A new HOME and working directory; emulators, fakes and background commands stopped. */
  reset(): void {
    this.stopServers();
    for (const dir of [this.home, this.work]) if (dir) rmSync(dir, { recursive: true, force: true });
    this.home = mkdtempSync(join(tmpdir(), 'hookql-docs-home-'));
    this.work = mkdtempSync(join(tmpdir(), 'hookql-docs-work-'));
    for (const shared of ['manifests', 'resources']) symlinkSync(join(ROOT, shared), join(this.work, shared));
  }

  freshHome(): void {
    this.stopServers();
    rmSync(this.home, { recursive: true, force: true });
    this.home = mkdtempSync(join(tmpdir(), 'hookql-docs-home-'));
  }

  close(): void {
    this.stopServers();
    for (const dir of [this.home, this.work, this.bin]) rmSync(dir, { recursive: true, force: true });
  }

  writeFile(name: string, content: readonly string[]): void {
    const path = join(this.work, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, content.join('\n') + '\n');
  }

  async prepare(block: Block): Promise<void> {
    // A new HOME (so a new local workspace) and no servers; the files written so far stay, so a
    // `file=` block right above a `fresh` one is still there.
    if (block.directives.fresh) this.freshHome();
    for (const [name, flags] of Object.entries(block.directives.emulators)) {
      if (!this.servers.has(name)) this.servers.set(name, await this.startEmulator(flags));
    }
    for (const [name, file] of Object.entries(block.directives.fakes)) {
      if (this.servers.has(name)) continue;
      // The hostile-server fixture of test/reliability, answering the file's text to every request.
      const fake = await startHostileServer({ kind: 'body', text: readFileSync(join(this.work, file), 'utf8').trim() });
      this.servers.set(name, { url: fake.url, stop: () => void fake.close() });
    }
  }

  env(block: Block): Record<string, string> {
    const env: Record<string, string> = {
      PATH: `${this.bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
      HOME: this.home,
      TZ: 'UTC',
      LANG: 'C.UTF-8',
      LC_ALL: 'C.UTF-8',
      NO_COLOR: '1',
      PAGER: 'cat',
      HOOKQL_EMULATOR_SEED: 'docs',
    };
    for (const [name, server] of this.servers) env[name] = server.url;
    return { ...env, ...block.directives.env };
  }

  /** Runs the block's commands in one bash, in order; stdout and stderr merged as written. */
  async runCommands(block: Block, steps: readonly Step[]): Promise<StepResult[]> {
    // pipefail: `hookql … | tail` still reports hookql's exit status.
    const script = ['exec 2>&1 </dev/null', 'set -o pipefail', ...steps.flatMap((s) => [s.command, `printf '${SEPARATOR}%s${SEPARATOR}' "$?"`])].join('\n');
    const raw = await this.runBash(['-c', script], this.env(block));
    const parts = raw.split(SEPARATOR);
    const results: StepResult[] = [];
    for (let i = 0; i < steps.length; i++) {
      const text = parts[2 * i];
      const code = parts[2 * i + 1];
      if (text === undefined || code === undefined) {
        results.push({ output: [...this.lines(text ?? ''), '[the block stopped here: bash exited]'] });
        break;
      }
      const output = this.lines(text);
      if (code !== '0') output.push(`[exit ${code}]`);
      results.push({ output });
    }
    return results;
  }

  /**
   * Runs the block's one command (it starts the shell) in a pseudo-terminal and types each line that
   * follows a prompt, waiting for the next prompt each time; a bare last prompt is Ctrl-D.
   */
  runShell(block: Block, step: Step): Promise<StepResult> {
    const inputs = step.output.filter((line) => ANY_PROMPT.test(line)).map((line) => line.replace(ANY_PROMPT, ''));
    const keys = inputs.map((typed, index) => (index === inputs.length - 1 && typed.trim() === '' ? '\x04' : typed + '\r'));
    return this.onTerminal(block, step.command, keys, (cursorLine) => ANY_PROMPT.test(cursorLine) && cursorLine.endsWith('> '));
  }

  /**
   * Runs the block's one command in a pseudo-terminal and types the `input` directive a line at a
   * time, each once the program waits for an answer (the cursor is after some text, e.g. a question).
   */
  runTyped(block: Block, step: Step): Promise<StepResult> {
    const pieces = (block.directives.input ?? '').split('\n');
    const keys = pieces.map((piece, i) => (i < pieces.length - 1 ? piece + '\r' : piece)).filter((k) => k !== '');
    return this.onTerminal(block, step.command, keys, (cursorLine) => cursorLine.trim() !== '', block.directives.interrupt);
  }

  /**
   * Starts the block's one command in the background (a server): its output is what it printed once
   * it has printed as many lines as the page shows and paused (or paused for long). It runs until the
   * page ends or a `fresh` block, and the first URL it printed is the `background` variable.
   */
  async runBackground(block: Block, step: Step): Promise<StepResult> {
    const child = spawn('bash', ['-c', `exec 2>&1 </dev/null\n${step.command}`], { cwd: this.work, env: this.env(block), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    let lastData = Date.now();
    const onData = (c: Buffer) => {
      out += c.toString();
      lastData = Date.now();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    let code: number | null | undefined;
    child.on('exit', (c) => (code = c));
    const expected = trimTrailingBlank(step.output).length;
    const deadline = Date.now() + COMMAND_TIMEOUT_MS;
    for (;;) {
      const quiet = Date.now() - lastData;
      const settled = out !== '' && ((this.lines(out).length >= expected && quiet > 200) || quiet > 3000);
      if (settled || code !== undefined || Date.now() > deadline) break;
      await sleep(25);
    }
    const url = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"']+/.exec(out)?.[0] ?? '';
    this.servers.set(block.directives.background ?? '', { url, stop: () => killGroup(child) });
    const output = this.lines(out);
    if (code !== undefined) output.push(`[exit ${code}]`);
    return { output };
  }

  private async onTerminal(block: Block, command: string, keys: readonly string[], waiting: (cursorLine: string) => boolean, interrupt?: string): Promise<StepResult> {
    const cols = block.directives.cols ?? 100;
    const rows = block.directives.rows ?? 40;
    const inner = `stty cols ${cols} rows ${rows} 2>/dev/null; exec bash -c ${shellQuote(command)}`;
    const child = spawn('script', ['-qfec', inner, '/dev/null'], { cwd: this.work, env: { ...this.env(block), TERM: 'xterm' }, stdio: 'pipe' });
    const screen = new Screen();
    let lastData = Date.now();
    let chunks = 0;
    const onData = (c: Buffer) => {
      screen.write(c.toString());
      lastData = Date.now();
      chunks++;
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let done = false;
    void exited.then(() => (done = true));
    // The program waits for input once something arrived after the last keys were sent, the output
    // has paused, and the cursor line looks like a prompt.
    let chunksAtSend = -1;
    const waitForInput = async (): Promise<void> => {
      const deadline = Date.now() + COMMAND_TIMEOUT_MS;
      while (!(chunks > chunksAtSend && waiting(screen.cursorLine()) && Date.now() - lastData > 150)) {
        if (done) throw new Error(`the program exited while it was expected to wait for input; the terminal shows:\n${screen.text()}`);
        if (Date.now() > deadline) throw new Error(`timed out waiting for a prompt; the terminal shows:\n${screen.text()}`);
        await sleep(25);
      }
    };
    try {
      for (const key of keys) {
        await waitForInput();
        chunksAtSend = chunks;
        child.stdin.write(key);
      }
      if (interrupt !== undefined) {
        const deadline = Date.now() + COMMAND_TIMEOUT_MS;
        while (!screen.text().includes(interrupt)) {
          if (done || Date.now() > deadline) throw new Error(`the terminal never showed '${interrupt}' (to press Ctrl-C); it shows:\n${screen.text()}`);
          await sleep(10);
        }
        child.stdin.write('\x03');
      }
      const timer = setTimeout(() => child.kill('SIGKILL'), COMMAND_TIMEOUT_MS);
      const code = await exited;
      clearTimeout(timer);
      await sleep(50);
      const output = this.lines(screen.text());
      if (code !== 0) output.push(`[exit ${code}]`);
      return { output };
    } finally {
      child.kill('SIGKILL');
    }
  }

  /** Output as lines, with the sandbox's own paths shown as a reader's would be. */
  private lines(text: string): string[] {
    const shown = text.split(this.work + '/').join('').split(this.work).join('.').split(this.home).join('~');
    const lines = shown.replace(/\r/g, '').split('\n');
    if (lines.at(-1) === '') lines.pop();
    return lines.map((l) => l.trimEnd());
  }

  private runBash(args: string[], env: Record<string, string>): Promise<string> {
    return new Promise((resolve, reject) => {
      // Its own process group, so background jobs a transcript starts are stopped with it.
      const child = spawn('bash', args, { cwd: this.work, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (out += c.toString()));
      const timer = setTimeout(() => killGroup(child), COMMAND_TIMEOUT_MS);
      child.on('error', reject);
      child.on('exit', () => {
        clearTimeout(timer);
        // Let the pipes drain, then stop whatever the block left running in the background.
        setTimeout(() => {
          killGroup(child);
          resolve(out);
        }, 30);
      });
    });
  }

  private async startEmulator(flags: string): Promise<{ url: string; stop: () => void }> {
    const args = [CLI, 'emulator', '--port', '0', '--db', ':memory:', '--allow-http-targets', ...splitFlags(flags)];
    const child = spawn(process.execPath, args, { cwd: this.work, env: { ...this.env({ directives: { env: {} } } as Block) }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const first = /^(http:\/\/\S+)\n/.exec(out);
        if (first) resolve(first[1]);
      });
      child.on('exit', (code) => reject(new Error(`hookql emulator ${flags} exited with ${code}: ${err}`)));
    });
    return { url, stop: () => child.kill('SIGTERM') };
  }

  private stopServers(): void {
    for (const { stop } of this.servers.values()) stop();
    this.servers = new Map();
  }
}

/** Runs `npm run build` when the executable is missing or a source file is newer than it. */
export function ensureBuilt(): void {
  const stale = spawnSync('find', [join(ROOT, 'src'), '-newer', CLI, '-name', '*.ts', '-print', '-quit'], { encoding: 'utf8' });
  if (stale.status === 0 && stale.stdout.trim() === '') return;
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
}

function splitFlags(flags: string): string[] {
  return flags.split(/\s+/).filter(Boolean);
}

function killGroup(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function writeExecutable(path: string, text: string): void {
  writeFileSync(path, text);
  chmodSync(path, 0o755);
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
