// Runs one TokenPlan: an HTTP token request or a CLI. Every value obtained is added to `secrets`,
// so errors and debug lines are scrubbed of it.

import type { HttpTransport } from '../http-transport.js';
import { isPlainObject } from '../object-path.js';
import type { Operation } from '../operation.js';
import { apiError, apiErrorFromResponse, parseSuccessBody, type RequestLabel } from '../parse-response.js';
import type { Env } from './auth-attributes.js';
import type { TokenPlan } from './auth-plan.js';
import { commandToken } from './cli-token.js';
import { readJwt } from './read-jwt.js';
import { expiryOfResponse, tokenExpiringAt, type Token } from './token-response.js';

export interface FetchDeps {
  readonly transport: HttpTransport;
  readonly env: Env;
  readonly secrets: Set<string>;
  /** For messages: the workspace the token is for. */
  readonly workspace: string;
  readonly commandTimeoutMs: number;
}

const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const JWT_TYPE = 'urn:ietf:params:oauth:token-type:jwt';

export async function fetchToken(plan: TokenPlan, d: FetchDeps, op: Operation): Promise<Token> {
  switch (plan.kind) {
    case 'static':
      d.secrets.add(plan.token);
      return { header: `Bearer ${plan.token}`, value: plan.token, refreshAt: Infinity };
    case 'client-credentials': {
      d.secrets.add(plan.clientSecret);
      const basic = Buffer.from(`${plan.clientId}:${plan.clientSecret}`).toString('base64');
      // The Basic header value is the secret in another spelling; a server might echo it.
      d.secrets.add(basic);
      return postForm(plan.tokenUrl, { grant_type: 'client_credentials', scope: 'all-apis' }, { authorization: `Basic ${basic}` }, d, op);
    }
    case 'token-exchange': {
      const jwt = await readJwt(plan.jwt, d, op);
      const form: Record<string, string> = { grant_type: TOKEN_EXCHANGE, subject_token_type: JWT_TYPE, subject_token: jwt, scope: 'all-apis' };
      // Service-principal federation names the principal; account-wide federation sends no client_id.
      if (plan.clientId) form.client_id = plan.clientId;
      return postForm(plan.tokenUrl, form, {}, d, op);
    }
    case 'aad-client-credentials':
      d.secrets.add(plan.clientSecret);
      return postForm(
        plan.tokenUrl,
        { grant_type: 'client_credentials', resource: plan.resource, client_id: plan.clientId, client_secret: plan.clientSecret },
        {},
        d,
        op,
      );
    case 'command':
      return commandToken(plan, d, op);
  }
}

async function postForm(url: string, form: Record<string, string>, headers: Record<string, string>, d: FetchDeps, op: Operation): Promise<Token> {
  const { origin, pathname, search } = new URL(url);
  const label: RequestLabel = { method: 'POST', path: pathname, workspace: d.workspace };
  const res = await d.transport.send(
    {
      origin,
      method: 'POST',
      path: pathname,
      pathWithQuery: pathname + search,
      workspace: d.workspace,
      headers,
      body: new URLSearchParams(form).toString(),
      contentType: 'application/x-www-form-urlencoded',
      attempt: 1,
    },
    op,
  );
  if (res.kind === 'network-failure') throw res.error;
  if (res.status < 200 || res.status > 299) throw apiErrorFromResponse(res, label);
  const body = parseSuccessBody(res, label);
  const value = isPlainObject(body) ? body.access_token : undefined;
  if (typeof value !== 'string' || value === '' || !isPlainObject(body)) {
    throw apiError(res.status, 'INVALID_TOKEN_RESPONSE', 'the token response has no access_token', label);
  }
  d.secrets.add(value);
  return tokenExpiringAt(value, typeof body.token_type === 'string' ? body.token_type : undefined, expiryOfResponse(body) ?? Date.now() + 3_600_000);
}
