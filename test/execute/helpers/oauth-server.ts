// A workspace that issues OAuth M2M tokens at /oidc/v1/token and checks them on API calls.
import { sendJson, startServer, type TestServer } from './test-server.js';

export const CLIENT_ID = 'client-abc';
export const CLIENT_SECRET = 'client-secret-xyz-987';

export interface OAuthServerOptions {
  readonly expiresIn?: number;
  /** How the API rejects a token it no longer accepts. */
  readonly rejectWith?: { status: number; body: unknown };
  /** Which tokens the API accepts (default: the latest one issued). */
  readonly accepts?: (token: string, latest: string) => boolean;
}

export interface OAuthServer extends TestServer {
  tokenRequests(): number;
  apiRequests(): number;
}

export async function startOAuthServer(o: OAuthServerOptions = {}): Promise<OAuthServer> {
  let issued = 0;
  const basic = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;
  const server = await startServer((req, res) => {
    if (req.path === '/oidc/v1/token') {
      if (req.headers.authorization !== basic) return sendJson(res, 401, { error: 'invalid_client', error_description: 'bad client' });
      issued++;
      return sendJson(res, 200, { access_token: `access-${issued}`, expires_in: o.expiresIn ?? 3600, token_type: 'Bearer' });
    }
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    const accepted = (o.accepts ?? ((t, latest) => t === latest))(token, `access-${issued}`);
    if (!accepted) {
      const reject = o.rejectWith ?? { status: 401, body: { error_code: 'UNAUTHENTICATED', message: 'token expired' } };
      return sendJson(res, reject.status, reject.body);
    }
    sendJson(res, 200, { ok: token });
  });
  return {
    ...server,
    tokenRequests: () => server.requests.filter((r) => r.path === '/oidc/v1/token').length,
    apiRequests: () => server.requests.filter((r) => r.path !== '/oidc/v1/token').length,
  };
}
