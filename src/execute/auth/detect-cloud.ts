// Which cloud a host is on and whether it is an accounts console (contract §4.1, §5). Hosts on
// 127.0.0.1 (the emulator) count as AWS workspaces unless `cloud` says otherwise, as in the SDKs.

import type { AuthAttributes } from './auth-attributes.js';

export type Cloud = 'aws' | 'azure' | 'gcp';

const AZURE_ZONES = ['.azuredatabricks.net', '.databricks.azure.us', '.databricks.azure.cn'];
const GCP_ZONES = ['.gcp.databricks.com'];

export function detectCloud(attributes: AuthAttributes, origin: string): Cloud {
  if (attributes.azure_workspace_resource_id) return 'azure';
  const named = attributes.cloud?.toLowerCase();
  if (named === 'aws' || named === 'azure' || named === 'gcp') return named;
  const host = new URL(origin).hostname.toLowerCase();
  if (AZURE_ZONES.some((z) => host.endsWith(z))) return 'azure';
  if (GCP_ZONES.some((z) => host.endsWith(z))) return 'gcp';
  return 'aws';
}

/** `https://accounts.…` or `https://accounts-dod.…` (GO `config.go:457-479`). */
export function isAccountsHost(origin: string): boolean {
  return /^https:\/\/accounts(-dod)?\./i.test(origin);
}
