// OAuth M2M (client credentials), as the Databricks SDKs use it: discovery at
// /oidc/.well-known/oauth-authorization-server, then POST /oidc/v1/token with HTTP Basic client auth
// and grant_type=client_credentials, answered with {access_token, token_type, expires_in, scope}.
// Before that, recent SDKs read the host metadata at /.well-known/databricks-config (PY >= 0.94, GO >=
// 0.123) to learn where the OIDC endpoints are. All three routes are public: they are how a client
// gets a token in the first place (model-registry.md §11; auth-and-accounts.md §4.3, §8).

import { ApiError } from '../wire/api-error.js';
import { sameSecret } from '../auth/authenticator.js';
import type { EmulatorContext, RouteTable } from '../emulator-context.js';
import type { Handler, RequestContext } from '../types.js';
import { calledUrl, checkExchange, TOKEN_EXCHANGE_GRANT } from './token-exchange.js';

export const HOST_METADATA_PATH = '/.well-known/databricks-config';
export const PUBLIC_PATHS = new Set([HOST_METADATA_PATH, '/oidc/.well-known/oauth-authorization-server', '/oidc/v1/token']);

/** The emulated workspace's id, as host metadata reports it (16 digits, like real ids). */
export const WORKSPACE_ID = '1000000000000001';

/** With an account (--account-id), its OIDC endpoints too (contract §8): public like the workspace ones. */
export function publicPaths(ctx: EmulatorContext): string[] {
  const account = ctx.account;
  return [...PUBLIC_PATHS, ...(account ? [`${accountOidc(account.id)}/.well-known/oauth-authorization-server`, `${accountOidc(account.id)}/v1/token`] : [])];
}

export function oauthRoutes(ctx: EmulatorContext): RouteTable {
  const account = ctx.account;
  return {
    [HOST_METADATA_PATH]: { GET: hostMetadataHandler(ctx) },
    '/oidc/.well-known/oauth-authorization-server': { GET: metadataHandler(ctx, '/oidc') },
    '/oidc/v1/token': { POST: tokenHandler(ctx) },
    ...(account
      ? {
          [`${accountOidc(account.id)}/.well-known/oauth-authorization-server`]: { GET: metadataHandler(ctx, accountOidc(account.id)) },
          [`${accountOidc(account.id)}/v1/token`]: { POST: tokenHandler(ctx) },
        }
      : {}),
  };
}

function accountOidc(accountId: string): string {
  return `/oidc/accounts/${encodeURIComponent(accountId)}`;
}

/**
 * The fields PY's HostMetadata and GO's read. PY derives discovery_url from oidc_endpoint (and needs it
 * for OAuth since 0.101); workspace_id makes the SDKs send X-Databricks-Workspace-Id, which every route
 * ignores; cloud is what a loopback host is taken for anyway. host_type is left out: its value set is
 * UNVERIFIED (GO comment WORKSPACE_HOST, a GO test "account"). In account mode the host is the
 * account's console: its OIDC endpoint is the account's, and it names the account, not a workspace.
 */
function hostMetadataHandler(ctx: EmulatorContext): Handler {
  return () => {
    const account = ctx.account;
    const body = account
      ? { oidc_endpoint: `${ctx.baseUrl()}${accountOidc(account.id)}`, account_id: account.id, cloud: 'AWS' }
      : { oidc_endpoint: `${ctx.baseUrl()}/oidc`, workspace_id: WORKSPACE_ID, cloud: 'AWS' };
    return { status: 200, body };
  };
}

/** RFC 8414 metadata; the SDKs read only authorization_endpoint and token_endpoint (oauth.py:89-94). */
function metadataHandler(ctx: EmulatorContext, base: string): Handler {
  return () => {
    const oidc = `${ctx.baseUrl()}${base}`;
    return {
      status: 200,
      body: {
        issuer: oidc,
        authorization_endpoint: `${oidc}/v1/authorize`,
        token_endpoint: `${oidc}/v1/token`,
        grant_types_supported: ['client_credentials', TOKEN_EXCHANGE_GRANT],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        response_types_supported: ['code'],
        scopes_supported: ['all-apis'],
      },
    };
  };
}

function tokenHandler(ctx: EmulatorContext): Handler {
  return (req) => {
    const form = new URLSearchParams(req.text);
    const grant = form.get('grant_type');
    if (grant === TOKEN_EXCHANGE_GRANT) return exchange(ctx, req, form);
    if (grant !== 'client_credentials') {
      throw oauthError(400, 'unsupported_grant_type', `grant_type must be client_credentials or ${TOKEN_EXCHANGE_GRANT}, got '${(grant ?? '').slice(0, 40)}'.`);
    }
    const { clientId, clientSecret } = ctx.oauth;
    const known = clientId !== undefined && clientSecret !== undefined
      && clientCredentials(req, form).some((c) => sameSecret(c.id, clientId) && sameSecret(c.secret, clientSecret));
    if (!known) throw oauthError(401, 'invalid_client', 'Client authentication failed.', { 'WWW-Authenticate': 'Basic' });
    const issued = ctx.tokens.issue(ctx.oauth.ttlSeconds);
    return {
      status: 200,
      body: { access_token: issued.accessToken, token_type: 'Bearer', expires_in: issued.expiresInSeconds, scope: form.get('scope') ?? 'all-apis' },
      headers: { 'Cache-Control': 'no-store' },
    };
  };
}

/** A CI job's JWT for a Databricks token (no client secret: the JWT is the credential). */
function exchange(ctx: EmulatorContext, req: RequestContext, form: URLSearchParams) {
  const problem = checkExchange(form, ctx.oauth.federation, calledUrl(req, ctx.baseUrl()));
  if (problem) throw oauthError(problem.error === 'invalid_request' ? 400 : 401, problem.error, problem.why);
  const issued = ctx.tokens.issue(ctx.oauth.ttlSeconds);
  return {
    status: 200,
    body: { access_token: issued.accessToken, token_type: 'Bearer', expires_in: issued.expiresInSeconds, scope: form.get('scope') ?? 'all-apis' },
    headers: { 'Cache-Control': 'no-store' },
  };
}

interface ClientCredentials {
  readonly id: string;
  readonly secret: string;
}

/**
 * The candidate credentials: HTTP Basic (the SDKs' way) or form fields (client_secret_post). RFC 6749
 * says Basic carries form-encoded id and secret, but not every client encodes them, so both readings
 * are tried.
 */
function clientCredentials(req: RequestContext, form: URLSearchParams): ClientCredentials[] {
  const match = /^Basic +([A-Za-z0-9+/=]+) *$/i.exec(req.headers.authorization ?? '');
  if (match) {
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return [];
    const raw = { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
    return [raw, { id: formDecode(raw.id), secret: formDecode(raw.secret) }];
  }
  const id = form.get('client_id');
  const secret = form.get('client_secret');
  return id !== null && secret !== null ? [{ id, secret }] : [];
}

function formDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/**
 * OAuth clients read `error` / `error_description` (RFC 6749 §5.2); the Databricks envelope fields are
 * added so every error the emulator sends also has `error_code` and `message`.
 */
function oauthError(status: number, code: string, description: string, headers: Record<string, string> = {}): ApiError {
  return new OAuthError(status, code, description, headers);
}

class OAuthError extends ApiError {
  override toReply() {
    const reply = super.toReply();
    return { ...reply, body: { error: this.errorCode, error_description: this.message, error_code: this.errorCode, message: this.message } };
  }
}
