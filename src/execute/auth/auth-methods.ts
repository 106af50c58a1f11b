// The auth methods hookql implements, in the Go SDK's default order (contract §2.1), each with what
// it needs and what it sends (contract §2.3). docs/workspaces-and-auth.md is the table of this file.

import type { AuthAttributes, Env } from './auth-attributes.js';
import { plan, type AuthPlan, type TokenPlan } from './auth-plan.js';
import type { Cloud } from './detect-cloud.js';
import { azureCli, azureClientSecret } from './azure-methods.js';

export interface MethodContext {
  /** `https://host[:port]` of the workspace or accounts console. */
  readonly origin: string;
  readonly hostType: 'workspace' | 'account';
  readonly attributes: AuthAttributes;
  readonly cloud: Cloud;
  /** Ambient variables that are not config attributes (CI's ACTIONS_*, the OIDC JWT itself). */
  readonly env: Env;
  /** The profile the settings came from, for `databricks auth token --profile`. */
  readonly profile: string | null;
  /** An executable's path on PATH (or null), for the CLI-backed methods. */
  readonly findExecutable: (name: string) => string | null;
}

export type MethodOutcome = AuthPlan | { readonly missing: string };

export interface AuthMethod {
  readonly name: string;
  readonly needs: string;
  plan(ctx: MethodContext): MethodOutcome;
}

/** The Databricks token endpoint of a workspace, or of an account on an accounts console. */
export function databricksTokenUrl(ctx: MethodContext): string {
  return ctx.hostType === 'account'
    ? `${ctx.origin}/oidc/accounts/${encodeURIComponent(ctx.attributes.account_id ?? '')}/v1/token`
    : `${ctx.origin}/oidc/v1/token`;
}

const pat: AuthMethod = {
  name: 'pat',
  needs: 'token (DATABRICKS_TOKEN)',
  plan: (ctx) => {
    const token = ctx.attributes.token;
    return token ? plan('pat', { kind: 'static', token }) : { missing: 'no token' };
  },
};

const oauthM2m: AuthMethod = {
  name: 'oauth-m2m',
  needs: 'client_id and client_secret (DATABRICKS_CLIENT_ID, DATABRICKS_CLIENT_SECRET); account_id on an accounts host',
  plan: (ctx) => {
    const { client_id: clientId, client_secret: clientSecret } = ctx.attributes;
    if (!clientId || !clientSecret) return { missing: clientId ? 'no client_secret' : 'no client_id / client_secret' };
    if (ctx.hostType === 'account' && !ctx.attributes.account_id) return { missing: 'no account_id' };
    return plan('oauth-m2m', { kind: 'client-credentials', tokenUrl: databricksTokenUrl(ctx), clientId, clientSecret });
  },
};

const databricksCli: AuthMethod = {
  name: 'databricks-cli',
  needs: 'the Databricks CLI logged in (`databricks auth login`) on PATH or at DATABRICKS_CLI_PATH',
  plan: (ctx) => {
    const command = ctx.attributes.databricks_cli_path ?? ctx.findExecutable('databricks');
    if (!command) return { missing: 'no databricks executable on PATH' };
    // With a profile the CLI finds its own token cache entry by profile name (GO uses --profile from
    // CLI 0.207.1 on); otherwise by host, plus the account id for an accounts console.
    const args = ctx.profile
      ? ['auth', 'token', '--profile', ctx.profile]
      : ['auth', 'token', '--host', ctx.origin, ...(ctx.hostType === 'account' && ctx.attributes.account_id ? ['--account-id', ctx.attributes.account_id] : [])];
    return plan('databricks-cli', { kind: 'command', command, args, output: 'databricks-cli' });
  },
};

const githubOidc: AuthMethod = {
  name: 'github-oidc',
  needs: 'a GitHub Actions job with `permissions: id-token: write` (ACTIONS_ID_TOKEN_REQUEST_URL, ACTIONS_ID_TOKEN_REQUEST_TOKEN); client_id for service-principal federation',
  plan: (ctx) => {
    const url = ctx.env.ACTIONS_ID_TOKEN_REQUEST_URL?.trim();
    const requestToken = ctx.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN?.trim();
    if (!url || !requestToken) return { missing: 'not in a GitHub Actions job with id-token: write' };
    const tokenUrl = databricksTokenUrl(ctx);
    // GO `determineAudience`: token_audience, else the account id on an accounts host, else the token endpoint.
    const audience = ctx.attributes.token_audience ?? (ctx.hostType === 'account' && ctx.attributes.account_id ? ctx.attributes.account_id : tokenUrl);
    return exchange('github-oidc', ctx, tokenUrl, { kind: 'github', url, requestToken, audience });
  },
};

const envOidc: AuthMethod = {
  name: 'env-oidc',
  needs: 'a JWT in DATABRICKS_OIDC_TOKEN (or the variable DATABRICKS_OIDC_TOKEN_ENV names); client_id for service-principal federation',
  plan: (ctx) => {
    const name = ctx.attributes.oidc_token_env ?? 'DATABRICKS_OIDC_TOKEN';
    if (!ctx.env[name]?.trim()) return { missing: `${name} is not set` };
    return exchange('env-oidc', ctx, databricksTokenUrl(ctx), { kind: 'env', name });
  },
};

const fileOidc: AuthMethod = {
  name: 'file-oidc',
  needs: 'a file holding a JWT (DATABRICKS_OIDC_TOKEN_FILEPATH); client_id for service-principal federation',
  plan: (ctx) => {
    const path = ctx.attributes.oidc_token_filepath;
    return path ? exchange('file-oidc', ctx, databricksTokenUrl(ctx), { kind: 'file', path }) : { missing: 'no DATABRICKS_OIDC_TOKEN_FILEPATH' };
  },
};

/** The default chain, in the Go SDK's order restricted to what hookql implements. */
export const AUTH_METHODS: readonly AuthMethod[] = [pat, oauthM2m, databricksCli, githubOidc, envOidc, fileOidc, azureClientSecret, azureCli];

/** Auth types the SDKs know that hookql does not implement: named in the error when pinned. */
export const UNSUPPORTED_METHODS: readonly string[] = [
  'basic',
  'metadata-service',
  'azure-devops-oidc',
  'github-oidc-azure',
  'azure-msi',
  'external-browser',
  'google-credentials',
  'google-id',
  'runtime',
];

function exchange(method: string, ctx: MethodContext, tokenUrl: string, jwt: Extract<TokenPlan, { kind: 'token-exchange' }>['jwt']): AuthPlan {
  return plan(method, { kind: 'token-exchange', tokenUrl, clientId: ctx.attributes.client_id ?? null, jwt });
}
