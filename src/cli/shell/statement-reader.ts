// Turns input lines into work for the shell: complete SQL statements (run at `;`) and meta
// commands (`.help`, `.output json`, …). The same reader serves the prompt, piped stdin and
// `.read FILE`, so all three agree on what a statement is.

import { isBlank, splitStatements, type ScanState } from './split-statements.js';

export type Work = { readonly kind: 'sql'; readonly text: string } | { readonly kind: 'meta'; readonly line: string };

const WORDS: Readonly<Record<string, string>> = { exit: '.quit', quit: '.quit', help: '.help' };

export class StatementReader {
  private buffer = '';
  private scanState: ScanState = 'code';

  /** Feeds one line (without its line break); returns the work it completed, in order. */
  push(line: string): Work[] {
    // Like sqlite3, a line is a meta command only where a statement could start, so a `.` inside a
    // multi-line statement (a JSON value, say) is never mistaken for one.
    if (!this.pending && /^\s*[.\\]/.test(line)) {
      this.buffer = '';
      return [{ kind: 'meta', line: line.trim() }];
    }
    // psql's habit: `exit`, `quit` and `help` alone on a line (no `;` needed) leave or help.
    const word = !this.pending && WORDS[line.trim()];
    if (word) return [{ kind: 'meta', line: word }];
    this.buffer = this.buffer === '' ? line : `${this.buffer}\n${line}`;
    const { statements, rest, state } = splitStatements(this.buffer);
    this.scanState = state;
    // What is left after the last `;` is kept only if it starts a statement or is inside an
    // unterminated comment/string; a trailing `-- note` alone should not leave a `...>` prompt.
    const open = state === 'single-quote' || state === 'double-quote' || state === 'block-comment';
    this.buffer = !open && isBlank(rest) ? '' : rest;
    return statements.map((text) => ({ kind: 'sql', text }));
  }

  /** End of input: an unterminated last statement still runs, as `hookql exec -f` would run it. */
  flush(): Work[] {
    const text = this.buffer;
    this.clear();
    return isBlank(text) ? [] : [{ kind: 'sql', text }];
  }

  clear(): void {
    this.buffer = '';
    this.scanState = 'code';
  }

  /** True while part of a statement has been typed: the prompt shows the continuation form. */
  get pending(): boolean {
    return this.buffer !== '';
  }

  get state(): ScanState {
    return this.scanState;
  }
}
