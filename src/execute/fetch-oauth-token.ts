import type { Credentials } from './credentials.js';
import type { HttpTransport } from './http-transport.js';
import type { Operation } from './operation.js';
import { apiError, apiErrorFromResponse, parseSuccessBody, type RequestLabel } from './parse-response.js';
import { isPlainObject } from './object-path.js';

export interface OAuthToken {
  readonly accessToken: string;
  /** Epoch ms after which the token is no longer used (a margin before its real expiry). */
  readonly refreshAt: number;
}

type M2M = Extract<Credentials, { kind: 'oauth-m2m' }>;

// The workspace-level endpoint (what OIDC discovery returns for a workspace host); fixed here to
// save a discovery round trip per host.
const TOKEN_PATH = '/oidc/v1/token';

/** OAuth client-credentials grant; the client secret travels only in the Basic header. */
export async function fetchOAuthToken(
  transport: HttpTransport,
  origin: string,
  creds: M2M,
  workspace: string,
  op: Operation,
): Promise<OAuthToken> {
  const label: RequestLabel = { method: 'POST', path: TOKEN_PATH, workspace };
  const basic = Buffer.from(`${creds.clientId}:${creds.clientSecret}`).toString('base64');
  const res = await transport.send(
    {
      origin,
      method: 'POST',
      path: TOKEN_PATH,
      pathWithQuery: TOKEN_PATH,
      workspace,
      headers: { authorization: `Basic ${basic}` },
      body: 'grant_type=client_credentials&scope=all-apis',
      contentType: 'application/x-www-form-urlencoded',
      attempt: 1,
    },
    op,
  );
  if (res.kind === 'network-failure') throw res.error;
  if (res.status < 200 || res.status > 299) throw apiErrorFromResponse(res, label);
  return readToken(parseSuccessBody(res, label), res.status, label);
}

function readToken(body: unknown, status: number, label: RequestLabel): OAuthToken {
  const accessToken = isPlainObject(body) ? body.access_token : undefined;
  if (typeof accessToken !== 'string' || accessToken === '') {
    throw apiError(status, 'INVALID_TOKEN_RESPONSE', 'the token response has no access_token', label);
  }
  const expiresIn = isPlainObject(body) && typeof body.expires_in === 'number' ? body.expires_in : 3600;
  const lifetimeMs = Math.max(0, expiresIn * 1000);
  // Refresh shortly before expiry: a minute early, or a quarter of the lifetime for short tokens.
  const marginMs = Math.min(60_000, lifetimeMs / 4);
  return { accessToken, refreshAt: Date.now() + lifetimeMs - marginMs };
}
