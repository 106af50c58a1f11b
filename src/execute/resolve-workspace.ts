import { ConfigError } from '../errors.js';
import { attributesFromEnv, attributesFromProfile, mergeLayers, type AuthAttributes, type Env, type Layer } from './auth/auth-attributes.js';
import { chooseAuth } from './auth/choose-auth.js';
import { detectCloud, isAccountsHost } from './auth/detect-cloud.js';
import { findExecutable } from './auth/find-executable.js';
import type { ResolvedWorkspace } from './credentials.js';
import { readConfigFile, type ConfigFile, type Profile } from './databricks-config.js';
import type { LocalWorkspace } from './executor-options.js';
import { looksLikeUrl, workspaceOrigin } from './workspace-url.js';

export interface ResolveContext {
  readonly env: Env;
  /** The shared embedded workspace (started on first use). */
  readonly local: () => Promise<LocalWorkspace>;
  /** Tests replace PATH lookups; default: the env's PATH. */
  readonly findExecutable?: (name: string) => string | null;
}

const NO_FILE: ConfigFile = { path: '~/.databrickscfg', profiles: new Map(), defaultProfile: null };

// A deployment name becomes a host name label, so it must be one (RFC 1123).
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
// Azure and GCP deployment names carry their shard: `adb-<workspace id>.<n>`, `<workspace id>.<n>`
// (contract §6.3; no real list response shows them, so this is UNVERIFIED).
const AZURE_DEPLOYMENT = /^adb-\d+\.\d+$/i;
const GCP_DEPLOYMENT = /^\d+\.\d+$/;

/** DESIGN.md order: `local` → a URL → a ~/.databrickscfg profile → a deployment name. */
export async function resolveWorkspace(workspace: string, ctx: ResolveContext): Promise<ResolvedWorkspace> {
  if (workspace === 'local') {
    const local = await ctx.local();
    const origin = workspaceOrigin(local.url, 'the local workspace URL');
    return { origin, auth: { candidates: [{ method: 'pat', token: { kind: 'static', token: local.token }, extraHeaders: [] }], pinned: true, where: "workspace 'local'" } };
  }
  // A URL needs the config file only for the profile DATABRICKS_CONFIG_PROFILE selects.
  const url = looksLikeUrl(workspace);
  const file = url && !ctx.env.DATABRICKS_CONFIG_PROFILE?.trim() ? NO_FILE : await readConfigFile(ctx.env);
  if (url) return withHost(workspaceOrigin(workspace, 'the workspace URL'), `workspace '${workspace}'`, file, ctx);
  const profile = file.profiles.get(workspace);
  if (profile) return fromProfile(workspace, profile, file, ctx);
  const origin = deploymentOrigin(workspace);
  if (origin === null) {
    throw new ConfigError(`workspace '${workspace}' is not 'local', a URL, a profile in ${file.path} or a deployment name`, {
      hint: "use 'local', https://<host>, a profile name, or a deployment name such as dbc-1a2b3c4d-5e6f",
    });
  }
  return withHost(origin, `workspace '${workspace}'`, file, ctx);
}

/** `https://<name><zone>` for the zone its shape belongs to, or null when it is no deployment name. */
export function deploymentOrigin(name: string): string | null {
  if (AZURE_DEPLOYMENT.test(name)) return `https://${name.toLowerCase()}.azuredatabricks.net`;
  if (GCP_DEPLOYMENT.test(name)) return `https://${name}.gcp.databricks.com`;
  return DNS_LABEL.test(name) ? `https://${name}.cloud.databricks.com` : null;
}

/**
 * A host the statement names: its own settings come from the environment, then from the profile
 * DATABRICKS_CONFIG_PROFILE selects (the SDKs read no profile at all when a host is given and none
 * is selected, contract §1.3).
 */
function withHost(origin: string, where: string, file: ConfigFile, ctx: ResolveContext): ResolvedWorkspace {
  const layers: Layer[] = [{ where: 'the environment', attributes: withoutHost(attributesFromEnv(ctx.env)) }];
  const selected = selectedProfile(file, ctx.env);
  if (selected) layers.push({ where: `profile '${selected.name}' (DATABRICKS_CONFIG_PROFILE) in ${file.path}`, attributes: withoutHost(attributesFromProfile(selected.profile)) });
  return choose(origin, where, layers, selected?.name ?? null, ctx);
}

/** A profile the statement names is its own, explicit settings; the environment fills in the rest. */
function fromProfile(name: string, profile: Profile, file: ConfigFile, ctx: ResolveContext): ResolvedWorkspace {
  const where = `profile '${name}' in ${file.path}`;
  if (!profile.host) throw new ConfigError(`${where} has no host`, { hint: 'add host = https://<workspace host>' });
  const host = /^[a-z]+:\/\//i.test(profile.host) ? profile.host : `https://${profile.host}`;
  const origin = workspaceOrigin(host, `the host of ${where}`);
  const layers: Layer[] = [
    { where, attributes: attributesFromProfile(profile) },
    { where: 'the environment', attributes: withoutHost(attributesFromEnv(ctx.env)) },
  ];
  return choose(origin, `workspace '${name}'`, layers, name, ctx);
}

export function choose(origin: string, where: string, layers: readonly Layer[], profile: string | null, ctx: ResolveContext, hostType?: 'workspace' | 'account'): ResolvedWorkspace {
  const merged = mergeLayers(layers);
  const attributes: AuthAttributes = merged.attributes;
  const auth = chooseAuth(
    {
      origin,
      hostType: hostType ?? (isAccountsHost(origin) ? 'account' : 'workspace'),
      attributes,
      cloud: detectCloud(attributes, origin),
      env: ctx.env,
      profile,
      findExecutable: ctx.findExecutable ?? ((n) => findExecutable(ctx.env, n)),
    },
    merged.authFrom ? `${where} (settings from ${merged.authFrom})` : where,
  );
  return { origin, auth };
}

/** The profile DATABRICKS_CONFIG_PROFILE names; naming one that does not exist is an error (both SDKs). */
export function selectedProfile(file: ConfigFile, env: Env): { name: string; profile: Profile } | null {
  const name = env.DATABRICKS_CONFIG_PROFILE?.trim();
  if (!name) return null;
  const profile = file.profiles.get(name);
  if (!profile) {
    throw new ConfigError(`${file.path} has no ${name} profile configured (DATABRICKS_CONFIG_PROFILE)`, {
      hint: 'fix DATABRICKS_CONFIG_PROFILE, or add that profile to the config file',
    });
  }
  return { name, profile };
}

function withoutHost(a: AuthAttributes): AuthAttributes {
  const { host: _host, ...rest } = a;
  return rest;
}
