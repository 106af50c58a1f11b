// Drives a program through a real pseudo-terminal using util-linux `script` (no native module):
// `script` allocates the pty, runs the command on it, copies our pipe into the pty and the pty's
// output back. The terminal is set to 100x40 with stty before the program starts, so readline sees
// a TTY of known width. Keys are written as the bytes a terminal sends (\r, \x03, \t, \x1b[A).

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const REGISTER_TS = fileURLToPath(new URL('./register-ts.mjs', import.meta.url));

export const hasScript = spawnSync('script', ['--version']).status === 0;

export const stripAnsi = (s: string) => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');

export const KEYS = { ENTER: '\r', CTRL_C: '\x03', CTRL_D: '\x04', TAB: '\t', UP: '\x1b[A' } as const;

/** `node <ts file> args…` on the pty, the .ts run through the loader in register-ts.mjs. */
export function nodeTs(file: string, ...args: string[]): string {
  return ['node', '--import', REGISTER_TS, file, ...args].map(shellQuote).join(' ');
}

export class PtySession {
  private output = '';
  private readonly child: ChildProcess;
  readonly exited: Promise<number | null>;

  constructor(command: string, env: Record<string, string | undefined>) {
    const inner = `stty cols 100 rows 40 2>/dev/null; exec ${command}`;
    this.child = spawn('script', ['-qfec', inner, '/dev/null'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'pipe' });
    this.child.stdout?.on('data', (c: Buffer) => (this.output += c.toString()));
    this.child.stderr?.on('data', (c: Buffer) => (this.output += c.toString()));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  /** Everything the terminal showed, escape codes removed. */
  text(): string {
    return stripAnsi(this.output);
  }

  raw(): string {
    return this.output;
  }

  /** A mark to pass to `expect` so it only looks at what came after it. */
  mark(): number {
    return this.text().length;
  }

  send(keys: string): void {
    this.child.stdin?.write(keys);
  }

  async expect(pattern: string | RegExp, from = 0, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = this.text().slice(from);
      if (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text)) return text;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(pattern)}; the terminal shows:\n${text}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Waits for the program to end; kills it if it does not within the timeout. */
  async close(timeoutMs = 5000): Promise<number | null> {
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
      this.child.stdin?.end();
    }
  }
}

function shellQuote(s: string): string {
  return /^[\w./=:-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
