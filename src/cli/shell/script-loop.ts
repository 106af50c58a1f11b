// `hookql shell` with stdin from a pipe or file: no prompts, no banner, no colours. Statements run
// as soon as their `;` arrives (so a slow producer sees results as it goes), meta commands work, and
// like psql the script goes on after an error; the exit status is the first failure's (2 or 1).
// This differs from `hookql exec -f -`, which stops at the first error.

import { createInterface } from 'node:readline';
import { StatementReader } from './statement-reader.js';
import type { Session } from './session.js';
import type { ShellIo } from './shell-io.js';

export async function runScriptMode(io: ShellIo, session: Session): Promise<void> {
  const reader = new StatementReader();
  const lines = createInterface({ input: io.stdin, terminal: false, crlfDelay: Infinity });
  // A script cannot be interrupted from inside (Ctrl-C goes to the process); one signal serves all.
  const signal = new AbortController().signal;
  try {
    for await (const line of lines) {
      for (const work of reader.push(line)) {
        await session.run(work, signal);
        if (session.quitRequested) return;
      }
    }
    for (const work of reader.flush()) await session.run(work, signal);
  } finally {
    lines.close();
  }
}
