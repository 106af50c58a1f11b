// Workload identity federation (RFC 8693 token exchange), as Databricks serves it at the same token
// endpoints: a CI job's JWT is traded for a Databricks token. The emulator trusts one issuer, set by
// --federation-issuer. It cannot check signatures (it holds no CI provider's keys offline), so it
// checks what a federation policy checks: issuer, audience when configured, expiry, and shape.

import type { RequestContext } from '../types.js';

export const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
const JWT_TYPE = 'urn:ietf:params:oauth:token-type:jwt';

export interface FederationPolicy {
  /** The `iss` accepted (e.g. https://token.actions.githubusercontent.com). */
  readonly issuer: string;
  /** If set, `aud` must be (or contain) it; the default is the token endpoint being called. */
  readonly audience?: string;
}

/** null when the exchange is acceptable, else the RFC 6749 error and why. */
export function checkExchange(form: URLSearchParams, policy: FederationPolicy | undefined, tokenUrl: string, now = Date.now()): { error: string; why: string } | null {
  if (form.get('subject_token_type') !== JWT_TYPE) return { error: 'invalid_request', why: `subject_token_type must be ${JWT_TYPE}.` };
  const claims = decodeJwt(form.get('subject_token') ?? '');
  if (claims === null) return { error: 'invalid_request', why: 'subject_token is not a JWT.' };
  if (policy === undefined) return { error: 'invalid_grant', why: 'No federation policy is configured for this account.' };
  if (claims.iss !== policy.issuer) return { error: 'invalid_grant', why: 'The token issuer is not trusted by any federation policy.' };
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(policy.audience ?? tokenUrl)) return { error: 'invalid_grant', why: 'The token audience does not match the federation policy.' };
  if (typeof claims.exp === 'number' && claims.exp * 1000 <= now) return { error: 'invalid_grant', why: 'The subject token has expired.' };
  return null;
}

function decodeJwt(token: string): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as unknown;
    return payload !== null && typeof payload === 'object' && !Array.isArray(payload) ? (payload as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The token endpoint as the caller addressed it (the audience a client computes from its host). */
export function calledUrl(req: RequestContext, baseUrl: string): string {
  return `${baseUrl}${req.path}`;
}
