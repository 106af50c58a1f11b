// How the fuzz suite judges one CLI run. Allowed endings:
//   exit 2 — a typed input error (`error [CODE]: …`), no stack trace, and ZERO HTTP requests;
//   exit 0 — a result (checked further by the caller when it knows what is right);
//   exit 1 — only for things the client cannot know before asking: an id that does not exist
//            (API_404), or a workspace name that resolves to a remote host (the sandbox's sink).
// Anything else — another exit code, an INTERNAL error, a stack trace, a request sent for input
// that was refused, a server-side 4xx the client should have caught — is a violation.

import type { CliRun } from './sandbox.js';

export type Ending = 'input-error' | 'result' | 'not-found' | 'remote-workspace';

export interface Verdict {
  readonly ending: Ending | null;
  readonly problems: readonly string[];
}

const STACK = /\n\s+at .+[:(]\d+:\d+\)?/;
const TYPED = /^error \[([A-Z][A-Z0-9_]*)\]: /m;

export function judge(run: CliRun): Verdict {
  const problems: string[] = [];
  if (STACK.test(run.stderr) || STACK.test(run.stdout)) problems.push('printed a stack trace');
  if (run.stderr.includes('error [INTERNAL]')) problems.push('an unexpected (INTERNAL) error');
  const code = TYPED.exec(run.stderr)?.[1];
  switch (run.code) {
    case 0:
      return { ending: 'result', problems };
    case 2:
      if (run.requests > 0) problems.push(`exit 2 after ${run.requests} HTTP request(s)`);
      if (code === undefined) problems.push('exit 2 without a typed error on stderr');
      return { ending: 'input-error', problems };
    case 1:
      if (code === 'API_404') return { ending: 'not-found', problems };
      if (run.stderr.includes('EXTERNAL_BLOCKED')) return { ending: 'remote-workspace', problems };
      return { ending: null, problems: [...problems, `exit 1: ${firstLine(run.stderr)}`] };
    default:
      return { ending: null, problems: [...problems, `exit ${run.code}`] };
  }
}

function firstLine(text: string): string {
  return text.split('\n').find((l) => l.startsWith('error')) ?? text.slice(0, 200);
}
