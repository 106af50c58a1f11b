import { readFileSync } from 'node:fs';
import { packagePath } from './util/package-root.js';

/**
 * The package version, read once from the package's package.json. Read as a
 * file rather than through createRequire: that sets up the CommonJS loader just to parse a JSON
 * file, ~1 ms of every start-up.
 */
export const VERSION: string = (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version;
