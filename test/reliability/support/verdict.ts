// How the fuzz suite judges one CLI run. Allowed endings:
//   exit 2 — a typed input error (`error [CODE]: …`), no stack trace, and ZERO HTTP requests;
//   exit 0 — a result (checked further by the caller when it knows what is right);
//   exit 1 — only for things the client cannot know before asking: an id that does not exist
//            (API_404), a page token the server did not issue (tokens are opaque), a page size over
//            the server's undocumented maximum, a target URL it does not accept, a test its live
//            state refuses (DISABLED, another event), or a workspace name that resolves to a remote
//            host (the sandbox's sink).
// Anything else — another exit code, an INTERNAL error, a stack trace, a request sent for input
// that was refused, a server-side 4xx the client should have caught — is a violation.

import type { CliRun } from './sandbox.js';

export type Ending = 'input-error' | 'result' | 'not-found' | 'server-judged' | 'remote-workspace' | 'known-bug';

/**
 * Bugs found by this suite in code its authors are still editing (see KNOWN_BUGS in the report):
 * counted apart, each pinned by an `it.fails` case in fuzz-suite.test.ts that starts failing — and
 * so asks for its entry here to go — once the bug is fixed. Anything else unexpected still fails.
 */
export const KNOWN_BUGS: readonly { readonly where: string; readonly errorLine: string }[] = [];

export function isKnownBug(errorLine: string): boolean {
  return KNOWN_BUGS.some((bug) => errorLine === bug.errorLine);
}

/**
 * A script run by `hookql shell` goes on after an error (like psql): every error line must be typed,
 * and nothing may crash, but requests of other statements may follow a refused one.
 */
export function scriptProblems(run: CliRun): string[] {
  const problems: string[] = [];
  if (STACK.test(run.stderr) || STACK.test(run.stdout)) problems.push('printed a stack trace');
  for (const line of run.stderr.split('\n').filter((l) => /^error\b/.test(l))) {
    if (isKnownBug(line)) continue;
    if (!TYPED.test(line)) problems.push(`an untyped error line: ${line}`);
    if (line.startsWith('error [INTERNAL]')) problems.push(`an unexpected (INTERNAL) error: ${line}`);
  }
  if (![0, 1, 2].includes(run.code)) problems.push(`exit ${run.code}`);
  return problems;
}

export interface Verdict {
  readonly ending: Ending | null;
  readonly problems: readonly string[];
}

/**
 * 400s only the server can give: what its page tokens mean and how big a page it serves are not
 * documented, which target URLs it accepts is its policy (HTTPS, unverified), and whether a webhook
 * can be tested depends on its live state (DISABLED, its events).
 */
const SERVER_JUDGED = [/Invalid page_token/, /'max_results' must be at most/, /must be an HTTPS URL|is not a valid URL/, /is DISABLED and cannot be tested/, /is not one of the events of webhook/];

const STACK = /\n\s+at .+[:(]\d+:\d+\)?/;
const TYPED = /^error \[([A-Z][A-Z0-9_]*)\]: /m;

export function judge(run: CliRun): Verdict {
  if (isKnownBug(run.stderr.split('\n')[0])) return { ending: 'known-bug', problems: [] };
  const problems: string[] = [];
  if (STACK.test(run.stderr) || STACK.test(run.stdout)) problems.push('printed a stack trace');
  if (run.stderr.includes('error [INTERNAL]')) problems.push('an unexpected (INTERNAL) error');
  const code = TYPED.exec(run.stderr)?.[1];
  switch (run.code) {
    case 0:
      return { ending: 'result', problems };
    case 2:
      if (run.requests > 0) problems.push(`exit 2 after ${run.requests} HTTP request(s)`);
      if (run.reachedEmulator > 0) problems.push(`exit 2, yet the emulator logged ${run.reachedEmulator} request(s)`);
      if (code === undefined) problems.push('exit 2 without a typed error on stderr');
      return { ending: 'input-error', problems };
    case 1:
      if (code === 'API_404') return { ending: 'not-found', problems };
      if (code === 'API_400' && SERVER_JUDGED.some((re) => re.test(run.stderr))) return { ending: 'server-judged', problems };
      if (run.stderr.includes('EXTERNAL_BLOCKED')) return { ending: 'remote-workspace', problems };
      return { ending: null, problems: [...problems, `exit 1: ${firstLine(run.stderr)}`] };
    default:
      return { ending: null, problems: [...problems, `exit ${run.code}`] };
  }
}

function firstLine(text: string): string {
  return text.split('\n').find((l) => l.startsWith('error')) ?? text.slice(0, 200);
}
