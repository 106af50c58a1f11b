import { NetworkError } from '../errors.js';

/**
 * Failures that happen before a byte of the request reaches the server: retrying them can never
 * apply a write twice. Everything else (reset, closed socket, timeout) is ambiguous.
 */
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export interface NetworkFailure {
  readonly kind: 'network-failure';
  readonly error: NetworkError;
  /** The request may have reached the server (and a write may have been applied). */
  readonly ambiguous: boolean;
  /** Short reason for debug lines: the error code or `timeout`. */
  readonly reason: string;
}

export interface FailedExchange {
  readonly method: string;
  readonly path: string;
  readonly workspace: string;
}

export function networkFailure(err: unknown, x: FailedExchange, timedOutAfterMs: number | null): NetworkFailure {
  const where = `${x.method} ${x.path} on workspace '${x.workspace}'`;
  if (timedOutAfterMs !== null) {
    const error = new NetworkError(`${where}: no response within ${timedOutAfterMs} ms`, {
      cause: err,
      hint: 'the workspace is slow or unreachable; try again later',
    });
    return { kind: 'network-failure', error, ambiguous: true, reason: 'timeout' };
  }
  const code = errorCode(err);
  const detail = err instanceof Error ? err.message : String(err);
  const error = new NetworkError(`${where}: ${detail}${code && !detail.includes(code) ? ` (${code})` : ''}`, {
    cause: err,
    hint: 'check the workspace URL and your network connection',
  });
  return { kind: 'network-failure', error, ambiguous: !NOT_SENT_CODES.has(code), reason: code || 'error' };
}

function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  const causeCode = ((err as { cause?: { code?: unknown } } | null)?.cause)?.code;
  return typeof causeCode === 'string' ? causeCode : '';
}
