import { ConfigError } from '../errors.js';
import { credentialsFrom, envCredentials, requireCredentials, type ResolvedWorkspace } from './credentials.js';
import { readProfile, type Profile } from './databricks-config.js';
import type { LocalWorkspace } from './executor-options.js';
import { looksLikeUrl, workspaceOrigin } from './workspace-url.js';

export interface ResolveContext {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The shared embedded workspace (started on first use). */
  readonly local: () => Promise<LocalWorkspace>;
}

// A deployment name becomes a host name label, so it must be one (RFC 1123).
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/** DESIGN.md order: `local` → a URL → a ~/.databrickscfg profile → `<name>.cloud.databricks.com`. */
export async function resolveWorkspace(workspace: string, ctx: ResolveContext): Promise<ResolvedWorkspace> {
  if (workspace === 'local') {
    const local = await ctx.local();
    return { origin: workspaceOrigin(local.url, 'the local workspace URL'), credentials: { kind: 'bearer', token: local.token } };
  }
  if (looksLikeUrl(workspace)) {
    const origin = workspaceOrigin(workspace, 'the workspace URL');
    return { origin, credentials: requireCredentials(envCredentials(ctx.env), workspace, origin) };
  }
  const { path, profile } = await readProfile(ctx.env, workspace);
  if (profile) return fromProfile(workspace, profile, path, ctx.env);
  if (!DNS_LABEL.test(workspace)) {
    throw new ConfigError(`workspace '${workspace}' is not 'local', a URL, a profile in ${path} or a deployment name`, {
      hint: "use 'local', https://<host>, a profile name, or a deployment name such as dbc-1a2b3c4d-5e6f",
    });
  }
  const origin = `https://${workspace}.cloud.databricks.com`;
  return { origin, credentials: requireCredentials(envCredentials(ctx.env), workspace, origin) };
}

/** A profile's own credentials win; the environment fills in when the profile has none. */
function fromProfile(
  name: string,
  profile: Profile,
  path: string,
  env: Readonly<Record<string, string | undefined>>,
): ResolvedWorkspace {
  const where = `profile '${name}' in ${path}`;
  if (!profile.host) throw new ConfigError(`${where} has no host`, { hint: 'add host = https://<workspace host>' });
  const host = /^[a-z]+:\/\//i.test(profile.host) ? profile.host : `https://${profile.host}`;
  const origin = workspaceOrigin(host, `the host of ${where}`);
  const own = credentialsFrom({
    token: profile.token,
    clientId: profile.client_id,
    clientSecret: profile.client_secret,
    names: ['client_id', 'client_secret'],
    where,
  });
  return { origin, credentials: requireCredentials(own ?? envCredentials(env), name, origin) };
}
