// Picks the auth method(s) for one host, as the SDKs do (contract §2.2): `auth_type` pins one;
// otherwise every method whose inputs are present is a candidate, in the default order. When none
// applies, the error lists each method, what it needs and what was missing, and nothing is sent.

import { ConfigError } from '../../errors.js';
import { didYouMean } from '../../util/suggest.js';
import { workspaceOrigin } from '../workspace-url.js';
import type { AuthAttributes } from './auth-attributes.js';
import { AUTH_METHODS, UNSUPPORTED_METHODS, type MethodContext } from './auth-methods.js';
import type { AuthChoice, AuthPlan, TokenPlan } from './auth-plan.js';

export function chooseAuth(ctx: MethodContext, where: string): AuthChoice {
  const pinned = ctx.attributes.auth_type;
  if (pinned !== undefined) return { candidates: [pinnedPlan(ctx, pinned, where)], pinned: true, where };
  checkSingleMethod(ctx.attributes, where);
  const tried: string[] = [];
  const candidates: AuthPlan[] = [];
  for (const method of AUTH_METHODS) {
    const outcome = method.plan(ctx);
    if ('missing' in outcome) tried.push(`${method.name} (${outcome.missing}; needs ${method.needs})`);
    else candidates.push(checkEndpoints(outcome, where));
  }
  if (candidates.length > 0) return { candidates, pinned: false, where };
  const at = where.includes(ctx.origin) ? where : `${where} (${ctx.origin})`;
  throw new ConfigError(`no credentials for ${at}; tried:\n  ${tried.join('\n  ')}`, {
    hint: 'set DATABRICKS_TOKEN, or DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET, or log in with `databricks auth login`; docs/workspaces-and-auth.md lists every method',
  });
}

function pinnedPlan(ctx: MethodContext, name: string, where: string): AuthPlan {
  const method = AUTH_METHODS.find((m) => m.name === name);
  if (!method) {
    const known = AUTH_METHODS.map((m) => m.name);
    if (UNSUPPORTED_METHODS.includes(name)) {
      throw new ConfigError(`auth_type '${name}' (${where}) is not supported by hookql`, { hint: `use one of: ${known.join(', ')}` });
    }
    throw new ConfigError(`auth type "${name}" not found (${where})`, {
      hint: [didYouMean(name, known), `auth_type is one of: ${known.join(', ')}`].filter(Boolean).join(' '),
    });
  }
  const outcome = method.plan(ctx);
  if ('missing' in outcome) {
    throw new ConfigError(`auth_type ${name} (${where}) cannot be used: ${outcome.missing}`, { hint: `${name} needs ${method.needs}` });
  }
  return checkEndpoints(outcome, where);
}

/**
 * Both SDKs refuse settings of two methods at once unless auth_type says which one (GO
 * `config_attributes.go:49-74`): a token and an OAuth client together is a mistake, not a choice.
 * Unlike the SDKs, a group counts only when it is complete enough to authenticate (a lone
 * DATABRICKS_CLIENT_SECRET beside a PAT is a leftover, and the PAT is used, as hookql always did).
 */
function checkSingleMethod(a: AuthAttributes, where: string): void {
  const groups = [
    a.token ? 'pat' : null,
    a.client_id && a.client_secret ? 'oauth' : null,
    a.azure_client_id && a.azure_client_secret ? 'azure' : null,
    a.oidc_token_filepath ? 'file-oidc' : null,
  ].filter((g): g is string => g !== null);
  if (groups.length > 1) {
    const names = groups.sort();
    throw new ConfigError(`more than one authorization method configured for ${where}: ${names.join(' and ')}`, {
      hint: `remove one, or set auth_type (DATABRICKS_AUTH_TYPE) to pick one`,
    });
  }
}

/** A credential may only travel over https, or in clear to this machine (the emulator, test fakes). */
function checkEndpoints(plan: AuthPlan, where: string): AuthPlan {
  const urls = [plan.token, ...plan.extraHeaders.flatMap((h) => (h.token ? [h.token] : []))].flatMap(endpointsOf);
  for (const url of urls) workspaceOrigin(url, `the ${plan.method} token endpoint for ${where}`);
  return plan;
}

function endpointsOf(t: TokenPlan): string[] {
  switch (t.kind) {
    case 'client-credentials':
    case 'aad-client-credentials':
      return [t.tokenUrl];
    case 'token-exchange':
      return t.jwt.kind === 'github' ? [t.tokenUrl, t.jwt.url] : [t.tokenUrl];
    default:
      return [];
  }
}
