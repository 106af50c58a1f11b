// Resources whose rows come from this machine (`server.kind: local` in their YAML): a closed set of
// named readers, like a closed set of transforms. Nothing here is sent anywhere.

import { homedir } from 'node:os';
import type { ServerDef } from '../definition/types.js';
import type { Env } from './auth/auth-attributes.js';
import { readConfigFile } from './databricks-config.js';

type Reader = Extract<ServerDef, { kind: 'local' }>['reader'];

/** The response body a reader produces; `arg` is the server param's value ('' = the reader's default). */
export async function readLocalSource(reader: Reader, arg: string, env: Env): Promise<unknown> {
  switch (reader) {
    case 'databricks-config-profiles':
      return configProfiles(arg, env);
  }
}

/** The profiles of the config file, without any secret: only the keys copied below ever leave it. */
async function configProfiles(arg: string, env: Env): Promise<unknown> {
  const path = arg === '' ? undefined : arg.replace(/^~(?=\/|$)/, env.HOME || homedir());
  const file = await readConfigFile(path === undefined ? env : { ...env, DATABRICKS_CONFIG_FILE: path });
  const profiles = [...file.profiles].map(([profile, p]) => ({
    profile,
    host: p.host ?? null,
    auth_type: p.auth_type ?? null,
    account_id: p.account_id ?? null,
    config_file: file.path,
  }));
  return { profiles };
}
