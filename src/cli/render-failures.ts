// The failed workspaces of a statement run with --partial: one stderr line each, so a log shows
// exactly which workspaces are missing from the result and why (the exit status is 1).

import type { WorkspaceFailure } from '../result.js';
import { redactText } from '../util/redact.js';

export function failureLines(failures: readonly WorkspaceFailure[], secrets: Iterable<string> = []): string {
  const list = [...secrets];
  return failures
    .map((f) => `error [${f.code}]: workspace '${f.workspace}' failed, its rows are missing: ${redactText(oneLine(f.message), list)}\n`)
    .join('');
}

function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' / ');
}
