import { HookqlError } from '../errors.js';
import { redactText } from '../util/redact.js';

// A second line of defence: debug lines and error messages are built without header values, but a
// server may echo a token back in an error message. Known secrets are replaced before anyone sees them.

export { REDACTED } from '../util/redact.js';

export function scrubText(text: string, secrets: ReadonlySet<string>): string {
  return redactText(text, secrets);
}

/** The same error with its message, and those of our errors in its cause chain, scrubbed. */
export function scrubError<E>(err: E, secrets: ReadonlySet<string>): E {
  // Only our own errors: a platform error (DOMException) may have a read-only message, and those
  // come from the network stack, which never sees a header value in its messages.
  for (let e: unknown = err, depth = 0; e instanceof HookqlError && depth < 5; e = e.cause, depth++) {
    e.message = scrubText(e.message, secrets);
    // V8 formats `stack` on first read, from the message as it was then; HOOKQL_DEBUG prints it.
    // Reading it now formats it from the scrubbed message, and scrubbing it covers an earlier read.
    if (typeof e.stack === 'string') e.stack = scrubText(e.stack, secrets);
  }
  return err;
}
