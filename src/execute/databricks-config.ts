import { readText } from '../util/read-text.js';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../errors.js';

export type Profile = Readonly<Record<string, string>>;

export interface ProfileLookup {
  readonly path: string;
  readonly profile: Profile | null;
}

/** `DATABRICKS_CONFIG_FILE`, else `~/.databrickscfg` (HOME from the given env, for tests). */
export function databricksConfigPath(env: Readonly<Record<string, string | undefined>>): string {
  return env.DATABRICKS_CONFIG_FILE || join(env.HOME || homedir(), '.databrickscfg');
}

export interface ConfigFile {
  readonly path: string;
  /** Every profile but the reserved `[__settings__]`, in file order. */
  readonly profiles: ReadonlyMap<string, Profile>;
  /** `[__settings__] default_profile`, if set. */
  readonly defaultProfile: string | null;
}

const SETTINGS = '__settings__';

/** The whole config file; a missing file simply has no profiles. */
export async function readConfigFile(env: Readonly<Record<string, string | undefined>>): Promise<ConfigFile> {
  const path = databricksConfigPath(env);
  let text: string;
  try {
    text = await readText(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { path, profiles: new Map(), defaultProfile: null };
    throw new ConfigError(`cannot read ${path}: ${(err as Error).message}`, { cause: err });
  }
  const sections = parseIni(text);
  const settings = sections.get(SETTINGS);
  sections.delete(SETTINGS);
  return { path, profiles: sections, defaultProfile: settings?.default_profile || null };
}

/** The named profile of the config file; a missing file simply has no profiles. */
export async function readProfile(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
): Promise<ProfileLookup> {
  const path = databricksConfigPath(env);
  let text: string;
  try {
    text = await readText(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { path, profile: null };
    throw new ConfigError(`cannot read ${path}: ${(err as Error).message}`, { cause: err });
  }
  // `[__settings__]` is reserved for the CLI's settings, never a profile (contract §1.2).
  return { path, profile: name === SETTINGS ? null : (parseIni(text).get(name) ?? null) };
}

/** INI as the Databricks CLI writes it: `[profile]` sections, `key = value`, `#`/`;` comments. */
export function parseIni(text: string): Map<string, Profile> {
  const sections = new Map<string, Record<string, string>>();
  let current: Record<string, string> | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[(.+)\]$/.exec(line);
    if (section) {
      current = {};
      sections.set(section[1].trim(), current);
      continue;
    }
    const eq = line.indexOf('=');
    if (current && eq > 0) current[line.slice(0, eq).trim().toLowerCase()] = line.slice(eq + 1).trim();
  }
  return sections;
}
