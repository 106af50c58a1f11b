import { readFileSync } from 'node:fs';

/** `hookql/<version>`; package.json sits two levels up from both src/execute and dist/execute. */
export function userAgent(): string {
  return `hookql/${packageVersion()}`;
}

let cached: string | null = null;

function packageVersion(): string {
  if (cached !== null) return cached;
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    cached = typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    // A missing package.json must not stop requests; the version is informational only.
    cached = '0.0.0';
  }
  return cached;
}
