// The Azure Entra ID methods (contract §2.3): a service principal's secret and the Azure CLI's login,
// each minting tokens for the Azure Databricks application, plus the headers the SDKs add for Azure.

import type { AuthMethod, MethodContext } from './auth-methods.js';
import { plan, type ExtraHeader, type TokenPlan } from './auth-plan.js';

/** The Azure Databricks first-party application: the AAD resource every Azure token is minted for. */
export const AZURE_DATABRICKS_RESOURCE = '2ff814a6-3304-4ab8-85cb-cd0e6f879c1d';

const AZURE_CLOUDS: Readonly<Record<string, { readonly login: string; readonly management: string }>> = {
  PUBLIC: { login: 'https://login.microsoftonline.com/', management: 'https://management.core.windows.net/' },
  USGOVERNMENT: { login: 'https://login.microsoftonline.us/', management: 'https://management.core.usgovcloudapi.net/' },
  CHINA: { login: 'https://login.chinacloudapi.cn/', management: 'https://management.core.chinacloudapi.cn/' },
};

export const azureClientSecret: AuthMethod = {
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

export const azureCli: AuthMethod = {
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
