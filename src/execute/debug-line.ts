// HOOKQL_DEBUG lines. Built only from method, URL, status, timing and attempt: header values are
// never passed in, so a token cannot reach the log by construction (Authorization shows as ***).

export interface ExchangeLabel {
  readonly method: string;
  readonly origin: string;
  readonly pathWithQuery: string;
  readonly attempt: number;
  readonly authorized: boolean;
}

export function requestLine(x: ExchangeLabel): string {
  const auth = x.authorized ? ' authorization: ***' : '';
  return `http → ${x.method} ${x.origin}${x.pathWithQuery} attempt ${x.attempt}${auth}`;
}

export function responseLine(x: ExchangeLabel, status: number, ms: number): string {
  return `http ← ${status} ${x.method} ${x.pathWithQuery} ${Math.round(ms)}ms attempt ${x.attempt}`;
}

export function failureLine(x: ExchangeLabel, reason: string, ms: number): string {
  return `http ✗ ${reason} ${x.method} ${x.pathWithQuery} ${Math.round(ms)}ms attempt ${x.attempt}`;
}
