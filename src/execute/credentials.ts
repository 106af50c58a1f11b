import { ConfigError } from '../errors.js';

/** How requests to one workspace are authorised. Values are secrets: never put them in messages. */
export type Credentials =
  | { readonly kind: 'bearer'; readonly token: string }
  | { readonly kind: 'oauth-m2m'; readonly clientId: string; readonly clientSecret: string };

export interface ResolvedWorkspace {
  /** `https://host[:port]`, no trailing slash. */
  readonly origin: string;
  readonly credentials: Credentials;
}

interface CredentialSource {
  readonly token: string | undefined;
  readonly clientId: string | undefined;
  readonly clientSecret: string | undefined;
  /** How to name the client id / secret settings in a message (`DATABRICKS_CLIENT_ID`, `client_id`). */
  readonly names: readonly [string, string];
  readonly where: string;
}

/** A PAT wins over an OAuth client, as in the Databricks unified-auth order. */
export function credentialsFrom(source: CredentialSource): Credentials | null {
  const token = nonEmpty(source.token);
  if (token) return { kind: 'bearer', token };
  const clientId = nonEmpty(source.clientId);
  const clientSecret = nonEmpty(source.clientSecret);
  if (clientId && clientSecret) return { kind: 'oauth-m2m', clientId, clientSecret };
  if (clientId || clientSecret) {
    const [idName, secretName] = source.names;
    throw new ConfigError(`${source.where} sets only one of ${idName} and ${secretName}`, {
      hint: `OAuth machine-to-machine needs both ${idName} and ${secretName}`,
    });
  }
  return null;
}

export function envCredentials(env: Readonly<Record<string, string | undefined>>): Credentials | null {
  return credentialsFrom({
    token: env.DATABRICKS_TOKEN,
    clientId: env.DATABRICKS_CLIENT_ID,
    clientSecret: env.DATABRICKS_CLIENT_SECRET,
    names: ['DATABRICKS_CLIENT_ID', 'DATABRICKS_CLIENT_SECRET'],
    where: 'the environment',
  });
}

export function requireCredentials(creds: Credentials | null, workspace: string, origin: string): Credentials {
  if (creds) return creds;
  throw new ConfigError(
    `no credentials for workspace '${workspace}' (${origin}): ` +
      'set DATABRICKS_TOKEN, or DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET',
    { hint: 'or put token (or client_id and client_secret) in its ~/.databrickscfg profile' },
  );
}

function nonEmpty(v: string | undefined): string | null {
  return v !== undefined && v.trim() !== '' ? v.trim() : null;
}
