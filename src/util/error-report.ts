// What every front end says about an error: hookql's stable code, the message and the hint, with
// secrets scrubbed. The CLI prints it, serve turns it into an ErrorResponse, mcp into a tool error.
// An error that is not a hookql error is a bug: it is reported as INTERNAL, never hidden.

import { isHookqlError } from '../errors.js';
import { redactText } from './redact.js';

export interface ErrorReport {
  readonly code: string;
  readonly message: string;
  readonly hint: string | null;
  /** 2: the input was wrong (nothing was sent); 1: the API, the network, or hookql itself failed. */
  readonly exitCode: 1 | 2;
}

export const INTERNAL_HINT = 'this is a bug in hookql; run again with HOOKQL_DEBUG=1 for details and report it';

export function errorReport(error: unknown, secrets: Iterable<string> = []): ErrorReport {
  const list = [...secrets];
  const scrub = (s: string) => redactText(s, list);
  if (isHookqlError(error)) {
    return { code: error.code, message: scrub(error.message), hint: error.hint ? scrub(error.hint) : null, exitCode: error.exitCode };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: scrub(message), hint: INTERNAL_HINT, exitCode: 1 };
}
