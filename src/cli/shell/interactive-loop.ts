// The prompt: node:readline for line editing, history and Tab; lines queue up and run one at a
// time, so text typed while a statement runs is kept for after it. Ctrl-C at the prompt clears the
// input; while a statement runs it aborts the statement's signal (the engine cancels its in-flight
// requests and rejects with CancelledError) and the prompt comes back. Ctrl-D on an empty line leaves.

import { createInterface, type Interface } from 'node:readline';
import { createCompleter } from './completer.js';
import { completionWords } from './completion-words.js';
import { HISTORY_SIZE, mergeNewestLines, type HistoryFile } from './history-file.js';
import { historySecretDetector } from './history-secrets.js';
import { continuationPrompt, mainPrompt } from './shell-state.js';
import { oneLine } from './split-statements.js';
import { StatementReader } from './statement-reader.js';
import type { Session } from './session.js';
import type { ShellIo } from './shell-io.js';

export function runInteractive(io: ShellIo, session: Session, historyFile: HistoryFile): Promise<void> {
  const reader = new StatementReader();
  let typed: string[] = []; // the lines of the statement being typed, for its history entry
  const completer = createCompleter(completionWords(session.engine.registry), {
    pending: () => reader.pending,
    previousLines: () => typed.join('\n'),
  });
  let history = historyFile.load();
  const rl = createInterface({
    input: io.stdin,
    output: io.stdout,
    terminal: true,
    completer,
    history,
    historySize: HISTORY_SIZE,
    removeHistoryDuplicates: true,
    tabSize: 4,
  });
  rl.on('history', (h: string[]) => (history = h));
  // The pager and $EDITOR get the terminal to themselves: no line editing, no raw mode meanwhile.
  session.out.handoff = async (fn) => {
    const tty = io.stdin as NodeJS.ReadStream;
    rl.pause();
    if (typeof tty.setRawMode === 'function') tty.setRawMode(false);
    try {
      await fn();
    } finally {
      if (typeof tty.setRawMode === 'function') tty.setRawMode(true);
      rl.resume();
    }
  };

  const queue: string[] = [];
  let running: AbortController | null = null;
  let interruptions = 0; // Ctrl-C while running also skips the rest of the line's statements
  let busy = false;
  let closed = false;

  const prompt = () => {
    if (closed) return;
    rl.setPrompt(reader.pending ? continuationPrompt(session.state, reader.state) : mainPrompt(session.state));
    rl.prompt();
  };

  const holdsSecret = historySecretDetector(session.engine, session.state);
  const remember = (lines: string[]) => {
    if (lines.length === 0) return; // Enter on an empty line
    const entry = historyEntry(lines);
    if (entry === null) return; // a string literal spans lines: keep readline's separate lines
    if (lines.length > 1) mergeNewestLines(history, lines, entry);
    if (!holdsSecret(entry)) historyFile.append(entry);
  };

  // `\e`: the edited statement becomes the newest entry (above the `\e` itself), so Up brings it back.
  session.out.remember = (text) => {
    const entry = historyEntry(text.split('\n').filter((l) => l.trim() !== ''));
    if (entry === null || entry === '') return;
    const older = history.indexOf(entry);
    if (older !== -1) history.splice(older, 1);
    history.unshift(entry);
    if (!holdsSecret(entry)) historyFile.append(entry);
  };

  const runLine = async (line: string) => {
    const seen = interruptions;
    const works = reader.push(line);
    typed.push(line);
    if (!reader.pending) remember(typed.filter((l) => l.trim() !== '')), (typed = []);
    for (const work of works) {
      running = new AbortController();
      try {
        await session.run(work, running.signal);
      } finally {
        running = null;
      }
      if (session.quitRequested || interruptions !== seen) break;
    }
  };

  return new Promise<void>((resolve) => {
    const drain = async () => {
      if (busy) return;
      busy = true;
      while (queue.length > 0 && !session.quitRequested) await runLine(queue.shift() as string);
      busy = false;
      if (session.quitRequested && !closed) rl.close();
      else if (closed) resolve();
      else prompt();
    };

    rl.on('line', (line) => {
      queue.push(line);
      void drain();
    });
    rl.on('SIGINT', () => {
      queue.length = 0; // lines typed ahead were meant to follow what is being cancelled: drop them
      interruptions++;
      if (running !== null) {
        running.abort();
        return;
      }
      reader.clear();
      typed = [];
      forgetLine(rl, io);
      // A line may still be on its way through drain() (readline handles a pasted chunk in one go);
      // drain() prompts when it is done, and a second prompt here would print twice.
      if (!busy) prompt();
    });
    rl.on('close', () => {
      closed = true;
      // Ctrl-D leaves the cursor after the prompt; end the line so the terminal's prompt starts clean.
      if (!session.quitRequested) io.stdout.write('\n');
      if (!busy) resolve();
    });
    prompt();
  });
}

/** One history entry for a statement's lines; null when a string literal spans lines. */
function historyEntry(lines: readonly string[]): string | null {
  return lines.length === 1 ? lines[0].trim() : oneLine(lines.join('\n'));
}

/**
 * Ends the line being edited and forgets it. clearLine() is what node's own REPL calls on Ctrl-C;
 * it is on readline's Interface but missing from @types/node, hence the guarded cast.
 */
function forgetLine(rl: Interface, io: ShellIo): void {
  const editable = rl as unknown as { clearLine?: () => void };
  if (typeof editable.clearLine === 'function') editable.clearLine();
  else io.stdout.write('\n');
}
