// The unified-auth attributes of the Databricks SDKs (contract §1.1), read from the three layers the
// SDKs read them from. Plain data; the values of the secret ones never go into a message.

export type Env = Readonly<Record<string, string | undefined>>;

export interface AuthAttributes {
  readonly host?: string;
  readonly account_id?: string;
  readonly auth_type?: string;
  readonly cloud?: string;
  readonly token?: string;
  readonly client_id?: string;
  readonly client_secret?: string;
  readonly azure_workspace_resource_id?: string;
  readonly azure_client_id?: string;
  readonly azure_client_secret?: string;
  readonly azure_tenant_id?: string;
  readonly azure_environment?: string;
  readonly databricks_cli_path?: string;
  readonly oidc_token_env?: string;
  readonly oidc_token_filepath?: string;
  readonly token_audience?: string;
}

export type AttributeName = keyof AuthAttributes;

/** config key → environment variable, as both SDKs name them (contract §1.1). */
export const ENV_NAMES: Readonly<Record<AttributeName, string>> = {
  host: 'DATABRICKS_HOST',
  account_id: 'DATABRICKS_ACCOUNT_ID',
  auth_type: 'DATABRICKS_AUTH_TYPE',
  cloud: 'DATABRICKS_CLOUD',
  token: 'DATABRICKS_TOKEN',
  client_id: 'DATABRICKS_CLIENT_ID',
  client_secret: 'DATABRICKS_CLIENT_SECRET',
  azure_workspace_resource_id: 'DATABRICKS_AZURE_RESOURCE_ID',
  azure_client_id: 'ARM_CLIENT_ID',
  azure_client_secret: 'ARM_CLIENT_SECRET',
  azure_tenant_id: 'ARM_TENANT_ID',
  azure_environment: 'ARM_ENVIRONMENT',
  databricks_cli_path: 'DATABRICKS_CLI_PATH',
  oidc_token_env: 'DATABRICKS_OIDC_TOKEN_ENV',
  oidc_token_filepath: 'DATABRICKS_OIDC_TOKEN_FILEPATH',
  token_audience: 'DATABRICKS_TOKEN_AUDIENCE',
};

/**
 * The attributes that say *how* to authenticate. They are taken as a unit from the highest layer
 * that has any (a statement's profile with a client, env with a token): mixing a profile's client
 * with an env token would send one workspace's credentials to another. The SDKs merge them one by
 * one and then refuse the mix ("more than one authorization method"); the unit rule keeps their
 * precedence without that trap for a multi-workspace statement.
 */
export const AUTH_KEYS: readonly AttributeName[] = [
  'token',
  'client_id',
  'client_secret',
  'azure_client_id',
  'azure_client_secret',
  'azure_tenant_id',
  'oidc_token_env',
  'oidc_token_filepath',
];

/** An empty value counts as unset (GO `ReadEnv`, PY `if not value`). */
export function attributesFromEnv(env: Env): AuthAttributes {
  const out: Record<string, string> = {};
  for (const [key, name] of Object.entries(ENV_NAMES)) {
    const v = env[name]?.trim();
    if (v) out[key] = v;
  }
  // PY also reads DATABRICKS_OIDC_TOKEN_FILE (an alias).
  if (!out.oidc_token_filepath && env.DATABRICKS_OIDC_TOKEN_FILE?.trim()) out.oidc_token_filepath = env.DATABRICKS_OIDC_TOKEN_FILE.trim();
  return out;
}

/** A ~/.databrickscfg section as attributes; GO's `databricks_id_token_filepath` and `audience` spellings too. */
export function attributesFromProfile(profile: Readonly<Record<string, string>>): AuthAttributes {
  const out: Record<string, string> = {};
  for (const key of Object.keys(ENV_NAMES)) {
    const v = profile[key]?.trim();
    if (v) out[key] = v;
  }
  if (!out.oidc_token_filepath && profile.databricks_id_token_filepath) out.oidc_token_filepath = profile.databricks_id_token_filepath.trim();
  if (!out.token_audience && profile.audience) out.token_audience = profile.audience.trim();
  return out;
}

export function hasAuth(a: AuthAttributes): boolean {
  return AUTH_KEYS.some((k) => a[k] !== undefined);
}

export interface Layer {
  /** For messages: "the statement's profile 'prod' in ~/.databrickscfg", "the environment". */
  readonly where: string;
  readonly attributes: AuthAttributes;
}

export interface MergedAttributes {
  readonly attributes: AuthAttributes;
  /** Where the auth attributes came from (null: nowhere). */
  readonly authFrom: string | null;
}

/** Highest layer first: non-auth attributes one by one, auth attributes as a unit (see AUTH_KEYS). */
export function mergeLayers(layers: readonly Layer[]): MergedAttributes {
  const out: Record<string, string> = {};
  for (const layer of layers) {
    for (const [k, v] of Object.entries(layer.attributes)) {
      if (!AUTH_KEYS.includes(k as AttributeName) && out[k] === undefined && v !== undefined) out[k] = v;
    }
  }
  const auth = layers.find((l) => hasAuth(l.attributes)) ?? null;
  for (const k of AUTH_KEYS) {
    const v = auth?.attributes[k];
    if (v !== undefined) out[k] = v;
  }
  return { attributes: out, authFrom: auth?.where ?? null };
}
