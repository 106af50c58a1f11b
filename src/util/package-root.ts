// The package's own directory (where package.json, resources/ and manifests/ live), found from this
// module's location. The code runs at different depths below it: src/** under vitest, dist/** after
// tsc, dist/bundle/** in the esbuild bundle the `hookql` executable runs, so a fixed `../..` cannot
// work everywhere. The first directory upwards holding a package.json is the root (dist/ has none).

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_ROOT: string = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

/** A file or directory inside the package, e.g. packagePath('resources'). */
export function packagePath(...parts: string[]): string {
  return join(PACKAGE_ROOT, ...parts);
}

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`hookql: no package.json above ${start}; the installation is incomplete`);
  }
}
