import { readFileSync } from 'node:fs';

/**
 * The package version, read once from package.json (one level above src/ and dist/). Read as a
 * file rather than through createRequire: that sets up the CommonJS loader just to parse a JSON
 * file, ~1 ms of every start-up.
 */
export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
