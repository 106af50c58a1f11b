import { ConfigError } from '../errors.js';

// Limits that keep a hostile or broken server from exhausting the client (docs/reliability.md).
// Both can be changed from the environment, so CI with unusual workspaces can raise them.

/** One response body, in bytes: far above any real page (a 1,000-row page is ~1 MB). */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
/** Pages per listing: 10,000 pages of 100 rows is a million rows, past any real workspace. */
export const DEFAULT_MAX_PAGES = 10_000;

export interface ExecutorLimits {
  readonly maxResponseBytes: number;
  readonly maxPages: number;
}

/** The limits, from HOOKQL_MAX_RESPONSE_MB and HOOKQL_MAX_PAGES when set. */
export function limitsFromEnv(env: Readonly<Record<string, string | undefined>>): ExecutorLimits {
  const mb = positiveInteger(env, 'HOOKQL_MAX_RESPONSE_MB');
  const pages = positiveInteger(env, 'HOOKQL_MAX_PAGES');
  return {
    maxResponseBytes: mb === null ? DEFAULT_MAX_RESPONSE_BYTES : mb * 1024 * 1024,
    maxPages: pages ?? DEFAULT_MAX_PAGES,
  };
}

function positiveInteger(env: Readonly<Record<string, string | undefined>>, name: string): number | null {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return null;
  const n = Number(raw);
  if (!/^\s*\d+\s*$/.test(raw) || !Number.isSafeInteger(n) || n < 1) {
    throw new ConfigError(`${name} must be a whole number of at least 1, not '${raw.slice(0, 40)}'`, {
      hint: `unset ${name} to use the default, or give a number such as ${name}=${name.endsWith('MB') ? 256 : 50000}`,
    });
  }
  return n;
}

/** `64 MiB` / `512 KiB` / `100 bytes`, for messages. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}
