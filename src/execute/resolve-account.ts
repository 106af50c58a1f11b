// The host and credentials for an account id (resources with `server.kind: account`): account-level
// APIs live on the accounts console of the account's cloud, with account-level tokens (contract §6.4).

import type { ServerDef } from '../definition/types.js';
import { attributesFromEnv, attributesFromProfile, type Layer } from './auth/auth-attributes.js';
import type { ResolvedWorkspace } from './credentials.js';
import { readConfigFile } from './databricks-config.js';
import { choose, selectedProfile, type ResolveContext } from './resolve-workspace.js';
import { workspaceOrigin } from './workspace-url.js';

type AccountServer = Extract<ServerDef, { kind: 'account' }>;

/**
 * In order: DATABRICKS_HOST when DATABRICKS_ACCOUNT_ID is this account (the SDKs' account client);
 * else the profile that has this account_id (the selected one first); else the accounts host of
 * DATABRICKS_CLOUD's cloud (AWS by default) with the environment's credentials.
 */
export async function resolveAccount(accountId: string, server: AccountServer, ctx: ResolveContext): Promise<ResolvedWorkspace> {
  const env = attributesFromEnv(ctx.env);
  const statement: Layer = { where: `account '${accountId}'`, attributes: { account_id: accountId } };
  const where = `account '${accountId}'`;
  if (env.host && env.account_id === accountId) {
    return choose(origin(env.host, 'DATABRICKS_HOST'), where, [statement, { where: 'the environment', attributes: env }], null, ctx, 'account');
  }
  const file = await readConfigFile(ctx.env);
  const selected = selectedProfile(file, ctx.env);
  const owner =
    selected?.profile.account_id === accountId && selected.profile.host
      ? selected
      : [...file.profiles].map(([name, profile]) => ({ name, profile })).find((p) => p.profile.account_id === accountId && p.profile.host);
  if (owner) {
    const at = `profile '${owner.name}' in ${file.path}`;
    const layers: Layer[] = [statement, { where: at, attributes: attributesFromProfile(owner.profile) }, { where: 'the environment', attributes: env }];
    return choose(origin(owner.profile.host, `the host of ${at}`), where, layers, owner.name, ctx, 'account');
  }
  const cloud = (env.cloud ?? 'aws').toLowerCase() as 'aws' | 'azure' | 'gcp';
  const host = server.hosts[cloud] ?? server.hosts.aws;
  const { host: _ignored, ...envAuth } = env;
  return choose(origin(host, 'the accounts host'), where, [statement, { where: 'the environment', attributes: envAuth }], null, ctx, 'account');
}

function origin(host: string, where: string): string {
  return workspaceOrigin(/^[a-z]+:\/\//i.test(host) ? host : `https://${host}`, where);
}
