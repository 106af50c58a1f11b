// The JWT a workload-identity federation exchanges: from an env var, a file, or GitHub Actions'
// ID-token endpoint (minted for the audience asked for).

import { readText } from '../../util/read-text.js';
import { AuthError } from '../../errors.js';
import { isPlainObject } from '../object-path.js';
import type { Operation } from '../operation.js';
import { apiError, apiErrorFromResponse, parseSuccessBody, type RequestLabel } from '../parse-response.js';
import type { JwtSource } from './auth-plan.js';
import type { FetchDeps } from './fetch-token.js';

/** The JWT to exchange, fresh each time (a file is re-read on refresh; GitHub mints a new one). */
export async function readJwt(source: JwtSource, d: FetchDeps, op: Operation): Promise<string> {
  let jwt: string;
  switch (source.kind) {
    case 'env':
      jwt = d.env[source.name]?.trim() ?? '';
      break;
    case 'file':
      try {
        jwt = (await readText(source.path)).trim();
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

