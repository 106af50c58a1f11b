// Runs one TokenPlan: an HTTP token request or a CLI. Every value obtained is added to `secrets`,
// so errors and debug lines are scrubbed of it.

import { readFile } from 'node:fs/promises';
import { AuthError } from '../../errors.js';
import type { HttpTransport } from '../http-transport.js';
import { isPlainObject } from '../object-path.js';
import type { Operation } from '../operation.js';
import { apiError, apiErrorFromResponse, parseSuccessBody, type RequestLabel } from '../parse-response.js';
import type { Env } from './auth-attributes.js';
import type { JwtSource, TokenPlan } from './auth-plan.js';
import { runCommand } from './run-command.js';
import { expiryOfResponse, parseCliTime, tokenExpiringAt, type Token } from './token-response.js';

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

/** The JWT to exchange, fresh each time (a file is re-read on refresh; GitHub mints a new one). */
async function readJwt(source: JwtSource, d: FetchDeps, op: Operation): Promise<string> {
  let jwt: string;
  switch (source.kind) {
    case 'env':
      jwt = d.env[source.name]?.trim() ?? '';
      break;
    case 'file':
      try {
        jwt = (await readFile(source.path, 'utf8')).trim();
      } catch (err) {
        throw new AuthError(`cannot read the OIDC token file ${source.path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`, {
          hint: 'check DATABRICKS_OIDC_TOKEN_FILEPATH',
        });
      }
      break;
    case 'github':
      d.secrets.add(source.requestToken);
      jwt = await githubJwt(source, d, op);
      break;
  }
  if (jwt === '') throw new AuthError(`the OIDC token (${source.kind}) is empty`, { hint: 'the CI job must provide a JWT' });
  d.secrets.add(jwt);
  return jwt;
}

/** GitHub's ID-token endpoint: the request URL already has a query (`?api-version=…`), so `&audience=`. */
async function githubJwt(source: Extract<JwtSource, { kind: 'github' }>, d: FetchDeps, op: Operation): Promise<string> {
  const url = new URL(source.url);
  url.searchParams.set('audience', source.audience);
  const label: RequestLabel = { method: 'GET', path: url.pathname, workspace: d.workspace };
  const res = await d.transport.send(
    {
      origin: url.origin,
      method: 'GET',
      path: url.pathname,
      pathWithQuery: url.pathname + url.search,
      workspace: d.workspace,
      headers: { authorization: `Bearer ${source.requestToken}` },
      body: null,
      attempt: 1,
    },
    op,
  );
  if (res.kind === 'network-failure') throw res.error;
  if (res.status < 200 || res.status > 299) throw apiErrorFromResponse(res, label);
  const body = parseSuccessBody(res, label);
  const value = isPlainObject(body) ? body.value : undefined;
  if (typeof value !== 'string' || value === '') throw apiError(res.status, 'INVALID_ID_TOKEN_RESPONSE', 'the GitHub ID token response has no value', label);
  return value;
}

async function commandToken(plan: Extract<TokenPlan, { kind: 'command' }>, d: FetchDeps, op: Operation): Promise<Token> {
  const shown = `${plan.command.split(/[\\/]/).pop()} ${plan.args.join(' ')}`;
  let result;
  try {
    result = await runCommand(plan.command, plan.args, d.env, d.commandTimeoutMs, op.signal);
  } catch (err) {
    op.throwIfStopped();
    throw new AuthError(`\`${shown}\` could not be run: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
      hint: plan.output === 'azure-cli' ? 'install the Azure CLI and run `az login`' : 'install the Databricks CLI and run `databricks auth login`',
    });
  }
  if (result.code !== 0) {
    const why = firstLines(result.stderr) || `exit status ${result.code ?? 'killed'}`;
    throw new AuthError(`\`${shown}\` failed: ${why}`, {
      hint: plan.output === 'azure-cli' ? 'run `az login`' : `run \`databricks auth login ${plan.args.slice(2).join(' ')}\``,
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(result.stdout);
  } catch {
    throw new AuthError(`\`${shown}\` printed no JSON`, { hint: 'update the CLI; hookql reads its JSON output' });
  }
  const fields = plan.output === 'azure-cli' ? { value: 'accessToken', type: 'tokenType', expiry: 'expiresOn' } : { value: 'access_token', type: 'token_type', expiry: 'expiry' };
  const value = isPlainObject(body) ? body[fields.value] : undefined;
  if (!isPlainObject(body) || typeof value !== 'string' || value === '') throw new AuthError(`\`${shown}\` printed no ${fields.value}`, { hint: 'update the CLI' });
  d.secrets.add(value);
  // Newer az prints `expires_on` (epoch seconds) beside the local-time `expiresOn`; prefer it.
  const expiresAt = typeof body.expires_on === 'number' ? body.expires_on * 1000 : typeof body[fields.expiry] === 'string' ? parseCliTime(body[fields.expiry] as string) : null;
  return tokenExpiringAt(value, typeof body[fields.type] === 'string' ? (body[fields.type] as string) : undefined, expiresAt);
}

function firstLines(text: string): string {
  return text.trim().split(/\r?\n/).slice(0, 3).join(' / ').slice(0, 400);
}
