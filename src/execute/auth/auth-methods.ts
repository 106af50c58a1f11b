// The auth methods hookql implements, in the Go SDK's default order (contract §2.1), each with what
// it needs and what it sends (contract §2.3). docs/workspaces-and-auth.md is the table of this file.

import type { AuthAttributes, Env } from './auth-attributes.js';
import type { AuthPlan, ExtraHeader, TokenPlan } from './auth-plan.js';
import type { Cloud } from './detect-cloud.js';

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

/** The Azure Databricks first-party application: the AAD resource every Azure token is minted for. */
export const AZURE_DATABRICKS_RESOURCE = '2ff814a6-3304-4ab8-85cb-cd0e6f879c1d';

const AZURE_CLOUDS: Readonly<Record<string, { readonly login: string; readonly management: string }>> = {
  PUBLIC: { login: 'https://login.microsoftonline.com/', management: 'https://management.core.windows.net/' },
  USGOVERNMENT: { login: 'https://login.microsoftonline.us/', management: 'https://management.core.usgovcloudapi.net/' },
  CHINA: { login: 'https://login.chinacloudapi.cn/', management: 'https://management.core.chinacloudapi.cn/' },
};

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

const azureClientSecret: AuthMethod = {
  name: 'azure-client-secret',
  needs: 'an Azure host (or cloud = azure) and ARM_CLIENT_ID, ARM_CLIENT_SECRET, ARM_TENANT_ID',
  plan: (ctx) => {
    if (ctx.cloud !== 'azure') return { missing: 'not an Azure host' };
    const { azure_client_id: clientId, azure_client_secret: clientSecret, azure_tenant_id: tenant } = ctx.attributes;
    if (!clientId || !clientSecret || !tenant) return { missing: 'needs ARM_CLIENT_ID, ARM_CLIENT_SECRET and ARM_TENANT_ID' };
    const cloud = azureCloud(ctx);
    const tokenUrl = `${cloud.login}${encodeURIComponent(tenant)}/oauth2/token`;
    const aad = (resource: string): TokenPlan => ({ kind: 'aad-client-credentials', tokenUrl, clientId, clientSecret, resource });
    // The service principal's token for the Azure management API lets the workspace add the SP as a
    // user on first login (contract §2.3: required for client-secret).
    return plan('azure-client-secret', aad(AZURE_DATABRICKS_RESOURCE), [
      { name: 'X-Databricks-Azure-SP-Management-Token', token: aad(cloud.management), value: null },
      ...resourceIdHeader(ctx),
    ]);
  },
};

const azureCli: AuthMethod = {
  name: 'azure-cli',
  needs: 'an Azure host (or cloud = azure) and the Azure CLI logged in (`az login`) on PATH',
  plan: (ctx) => {
    if (ctx.cloud !== 'azure') return { missing: 'not an Azure host' };
    const command = ctx.findExecutable('az');
    if (!command) return { missing: 'no az executable on PATH' };
    const tenant = ctx.attributes.azure_tenant_id ? ['--tenant', ctx.attributes.azure_tenant_id] : [];
    const args = ['account', 'get-access-token', '--resource', AZURE_DATABRICKS_RESOURCE, '--output', 'json', ...tenant];
    // The management token is optional for the CLI (GO adds it only when it can get one): not sent.
    return plan('azure-cli', { kind: 'command', command, args, output: 'azure-cli' }, resourceIdHeader(ctx));
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

function plan(method: string, token: TokenPlan, extraHeaders: readonly ExtraHeader[] = []): AuthPlan {
  return { method, token, extraHeaders };
}

function exchange(method: string, ctx: MethodContext, tokenUrl: string, jwt: Extract<TokenPlan, { kind: 'token-exchange' }>['jwt']): AuthPlan {
  return plan(method, { kind: 'token-exchange', tokenUrl, clientId: ctx.attributes.client_id ?? null, jwt });
}

function resourceIdHeader(ctx: MethodContext): ExtraHeader[] {
  const id = ctx.attributes.azure_workspace_resource_id;
  return id ? [{ name: 'X-Databricks-Azure-Workspace-Resource-Id', token: null, value: id }] : [];
}

/**
 * ARM_ENVIRONMENT picks the Azure cloud; AZURE_AUTHORITY_HOST (the Azure Identity SDKs' variable)
 * overrides the login endpoint, which is how tests point it at a fake on 127.0.0.1.
 */
function azureCloud(ctx: MethodContext): { login: string; management: string } {
  const name = (ctx.attributes.azure_environment ?? 'PUBLIC').toUpperCase().replace(/^AZURE/, '').replace(/CLOUD$/, '') || 'PUBLIC';
  const cloud = AZURE_CLOUDS[name] ?? AZURE_CLOUDS.PUBLIC;
  const authority = ctx.env.AZURE_AUTHORITY_HOST?.trim();
  return authority ? { ...cloud, login: authority.endsWith('/') ? authority : `${authority}/` } : cloud;
}
