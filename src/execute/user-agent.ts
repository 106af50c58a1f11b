import { readFileSync } from 'node:fs';
import { packagePath } from '../util/package-root.js';

/** `hookql/<version>`, from the package's package.json. */
export function userAgent(): string {
  return `hookql/${packageVersion()}`;
}

let cached: string | null = null;

function packageVersion(): string {
  if (cached !== null) return cached;
  try {
    const pkg = JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version?: unknown };
    cached = typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    // A missing package.json must not stop requests; the version is informational only.
    cached = '0.0.0';
  }
  return cached;
}
