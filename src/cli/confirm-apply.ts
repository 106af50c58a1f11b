// apply's confirmation: the question on a terminal, and the rule for deletions without one.

import { createInterface } from 'node:readline';
import { UsageError } from '../errors.js';
import type { CliIo } from './io.js';

/**
 * On a terminal, the plan is confirmed by typing `yes` (anything else, Ctrl-C or Ctrl-D cancels).
 * Without one, apply proceeds as scripts expect — except deletions: those are never made without
 * someone having said so, on the terminal or with --auto-approve.
 */
export async function approve(io: CliIo, deletes: number, noun: { singular: string; plural: string }, signal: AbortSignal): Promise<boolean> {
  if (!io.stdin.isTTY) {
    if (deletes === 0) return true;
    throw new UsageError(`apply would delete ${deletes} ${deletes === 1 ? noun.singular : noun.plural} (--prune) and there is no terminal to confirm it`, {
      hint: 'review the plan above (hookql plan --prune …), then run apply again with --auto-approve (-y)',
    });
  }
  const answer = await askLine(io, 'Apply these changes? (yes/no) ', signal);
  return answer?.trim().toLowerCase() === 'yes';
}

/** One line from the terminal; null on Ctrl-C, Ctrl-D or interrupt. */
function askLine(io: CliIo, question: string, signal: AbortSignal): Promise<string | null> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: true });
    let settled = false;
    const finish = (value: string | null) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      rl.close();
      if (value === null) io.stderr.write('\n');
      resolve(value);
    };
    const onAbort = () => finish(null);
    signal.addEventListener('abort', onAbort);
    rl.on('SIGINT', () => finish(null));
    rl.on('close', () => finish(null));
    rl.question(question, (answer) => finish(answer));
  });
}
