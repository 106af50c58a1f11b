// Lends the terminal to another program (the pager, $EDITOR) and takes it back: readline stops
// reading and leaves raw mode while the program runs, so its keys go to the program, not the prompt.

import { spawn } from 'node:child_process';

/** Runs `fn` while the prompt is suspended; installed by the interactive loop. */
export type Handoff = (fn: () => Promise<void>) => Promise<void>;

/**
 * Runs a command line (`$PAGER`, `$EDITOR` may hold flags: `less -S`, `code --wait`) through the
 * shell, on the real terminal; `input` is written to its stdin when given. Resolves with its exit code.
 */
export function runOnTerminal(command: string, args: readonly string[], input?: string): Promise<number> {
  return new Promise((resolve) => {
    const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    const child = spawn('/bin/sh', ['-c', `${command} ${quoted}`.trim()], { stdio: [input === undefined ? 'inherit' : 'pipe', 'inherit', 'inherit'] });
    child.on('error', () => resolve(127));
    child.on('exit', (code) => resolve(code ?? 1));
    if (input !== undefined && child.stdin) {
      // A pager that quits early (q in less) closes its stdin: the rest of the text is not needed.
      child.stdin.on('error', () => undefined);
      child.stdin.end(input);
    }
  });
}
