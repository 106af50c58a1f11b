// Runs the transcripts of one page, in order, in a sandbox: a temporary HOME and working directory,
// `hookql` on PATH as the built CLI, emulators started on demand. Every block's output is returned as
// the lines a reader would see, for the caller to compare with (or write into) the page.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ANY_PROMPT, type Block, type Step } from './markdown.js';
import { Screen } from './screen.js';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const COMMAND_TIMEOUT_MS = 120_000;
const SEPARATOR = '\x1e';

export interface StepResult {
  readonly output: string[];
}

export class PageSandbox {
  private home = '';
  private work = '';
  private readonly bin: string;
  private emulators = new Map<string, { url: string; child: ChildProcess }>();

  constructor() {
    this.bin = mkdtempSync(join(tmpdir(), 'hookql-docs-bin-'));
    writeExecutable(join(this.bin, 'hookql'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
    // `npx hookql` must not look anything up in a registry; other npx uses are not for transcripts.
    writeExecutable(join(this.bin, 'npx'), `#!/bin/sh\nif [ "$1" = hookql ]; then shift; exec hookql "$@"; fi\necho "docs-test: only 'npx hookql' runs in a transcript" >&2; exit 127\n`);
    writeExecutable(join(this.bin, 'npm'), `#!/bin/sh\nif [ "$*" = "start --silent" ] || [ "$*" = "--silent start" ]; then exec hookql shell; fi\necho "docs-test: only 'npm start --silent' runs in a transcript" >&2; exit 127\n`);
    this.reset();
  }

  /** A new HOME and working directory; emulators stopped. */
  reset(): void {
    this.stopEmulators();
    for (const dir of [this.home, this.work]) if (dir) rmSync(dir, { recursive: true, force: true });
    this.home = mkdtempSync(join(tmpdir(), 'hookql-docs-home-'));
    this.work = mkdtempSync(join(tmpdir(), 'hookql-docs-work-'));
    for (const shared of ['manifests', 'resources']) symlinkSync(join(ROOT, shared), join(this.work, shared));
  }

  freshHome(): void {
    this.stopEmulators();
    rmSync(this.home, { recursive: true, force: true });
    this.home = mkdtempSync(join(tmpdir(), 'hookql-docs-home-'));
  }

  close(): void {
    this.stopEmulators();
    for (const dir of [this.home, this.work, this.bin]) rmSync(dir, { recursive: true, force: true });
  }

  writeFile(name: string, content: readonly string[]): void {
    const path = join(this.work, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, content.join('\n') + '\n');
  }

  async prepare(block: Block): Promise<void> {
    // A new HOME (so a new local workspace) and no emulators; the files written so far stay, so a
    // `file=` block right above a `fresh` one is still there.
    if (block.directives.fresh) this.freshHome();
    for (const [name, flags] of Object.entries(block.directives.emulators)) {
      if (!this.emulators.has(name)) this.emulators.set(name, await this.startEmulator(flags));
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
    for (const [name, emulator] of this.emulators) env[name] = emulator.url;
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
   * Runs the block's one command in a pseudo-terminal (util-linux `script`) and types each line that
   * follows a prompt, waiting for the next prompt each time; a bare last prompt is Ctrl-D.
   */
  async runShell(block: Block, step: Step): Promise<StepResult> {
    const cols = block.directives.cols ?? 100;
    const rows = block.directives.rows ?? 40;
    const inner = `stty cols ${cols} rows ${rows} 2>/dev/null; exec bash -c ${shellQuote(step.command)}`;
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
    // A prompt counts once something arrived after the last keys were sent and the output has paused.
    let chunksAtSend = -1;
    const waitForPrompt = async (): Promise<void> => {
      const deadline = Date.now() + COMMAND_TIMEOUT_MS;
      while (!(chunks > chunksAtSend && ANY_PROMPT.test(screen.cursorLine()) && screen.cursorLine().endsWith('> ') && Date.now() - lastData > 150)) {
        if (done) throw new Error(`the shell exited while a prompt was expected; the terminal shows:\n${screen.text()}`);
        if (Date.now() > deadline) throw new Error(`timed out waiting for a prompt; the terminal shows:\n${screen.text()}`);
        await sleep(25);
      }
    };
    try {
      const inputs = step.output.filter((line) => ANY_PROMPT.test(line));
      for (const [index, line] of inputs.entries()) {
        await waitForPrompt();
        const typed = line.replace(ANY_PROMPT, '');
        const last = index === inputs.length - 1;
        chunksAtSend = chunks;
        child.stdin.write(last && typed.trim() === '' ? '\x04' : typed + '\r');
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

  private async startEmulator(flags: string): Promise<{ url: string; child: ChildProcess }> {
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
    return { url, child };
  }

  private stopEmulators(): void {
    for (const { child } of this.emulators.values()) child.kill('SIGTERM');
    this.emulators = new Map();
  }
}

/** Builds dist/ when a source file is newer than it: the transcripts run the built CLI. */
export function ensureBuilt(): void {
  const stale = spawnSync('find', [join(ROOT, 'src'), '-newer', CLI, '-name', '*.ts', '-print', '-quit'], { encoding: 'utf8' });
  if (stale.status === 0 && stale.stdout.trim() === '') return;
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.json')], { encoding: 'utf8' });
  if (tsc.status !== 0) throw new Error(`npm run build failed:\n${tsc.stdout}${tsc.stderr}`);
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
