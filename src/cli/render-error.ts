// How every error looks to a user: `error [CODE]: message` and `hint: …`, never a stack trace
// unless HOOKQL_DEBUG=1. Unexpected (non-hookql) errors are bugs: say so, and how to get details.

import { isHookqlError } from '../errors.js';
import { redactText } from '../util/redact.js';
import { terminalSafe } from '../util/terminal-text.js';

export interface ErrorRenderOptions {
  readonly debug?: boolean;
  /** Secret values to scrub from the message (from env, manifests, statements). */
  readonly secrets?: Iterable<string>;
}

export function renderError(error: unknown, options: ErrorRenderOptions = {}): string {
  const secrets = [...(options.secrets ?? [])];
  // Messages quote servers and user input: no control character reaches the terminal.
  const scrub = (s: string) => terminalSafe(redactText(s, secrets));
  if (isHookqlError(error)) {
    let out = `error [${error.code}]: ${scrub(error.message)}\n`;
    if (error.hint) out += `hint: ${scrub(error.hint)}\n`;
    if (options.debug && error.stack) out += scrub(error.stack) + '\n';
    return out;
  }
  const message = error instanceof Error ? error.message : String(error);
  let out = `error [INTERNAL]: ${scrub(message)}\nhint: this is a bug in hookql; run again with HOOKQL_DEBUG=1 for details and report it\n`;
  if (options.debug && error instanceof Error && error.stack) out += scrub(error.stack) + '\n';
  return out;
}

/** The exit code for an error: the typed error's own, 1 for anything unexpected. */
export function exitCodeOf(error: unknown): number {
  return isHookqlError(error) ? error.exitCode : 1;
}
