// Every resource definition hookql knows: the YAML files under the package's resources/ directory,
// plus any extra directories (tests add a fixture resource this way). Parsed once per process, and
// with a cache directory validated once per change of the file (definition-cache.ts).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DefinitionError } from '../errors.js';
import { definitionKey, readCachedDefinition, writeCachedDefinition } from './definition-cache.js';
import { loadDefinition } from './load-definition.js';
import type { Registry, ResourceDefinition } from './types.js';
import { packagePath } from '../util/package-root.js';

// The package's resources/, wherever this module runs from (src/, dist/ or the bundle).
const BUILTIN_DIR = packagePath('resources');

/** Parsed definitions by absolute file path: loading is a start-up cost, paid once per process. */
const cache = new Map<string, ResourceDefinition>();

export interface RegistryOptions {
  /**
   * A directory where validated definitions are kept between processes (the engine uses
   * $HOOKQL_HOME/cache), so start-up skips YAML parsing and validation. None: validate every time.
   */
  readonly cacheDir?: string;
}

export function loadRegistry(extraDirs: readonly string[] = [], options: RegistryOptions = {}): Registry {
  const resources = new Map<string, ResourceDefinition>();
  for (const file of yamlFiles([BUILTIN_DIR, ...extraDirs])) {
    const def = loadCached(file, options.cacheDir);
    const other = resources.get(def.id);
    if (other !== undefined) {
      throw new DefinitionError(file, [{ at: 'id', message: `resource '${def.id}' is already defined in ${other.source}` }]);
    }
    resources.set(def.id, def);
  }
  return { resources };
}

/** The directory of the built-in definitions (for messages and tooling). */
export function builtinResourcesDir(): string {
  return BUILTIN_DIR;
}

/** Forget parsed definitions, so the next loadRegistry() reads the files again. */
export function clearDefinitionCache(): void {
  cache.clear();
}

function loadCached(file: string, cacheDir: string | undefined): ResourceDefinition {
  let def = cache.get(file);
  if (def === undefined) {
    const text = readFileSync(file, 'utf8');
    def = cacheDir === undefined ? loadDefinition(text, file) : loadThroughDisk(cacheDir, file, text);
    cache.set(file, def);
  }
  return def;
}

/** Only a definition that validated is written: a broken one is reported on every run, never cached. */
function loadThroughDisk(cacheDir: string, file: string, text: string): ResourceDefinition {
  const key = definitionKey(file, text);
  const cached = readCachedDefinition(cacheDir, file, key);
  if (cached !== undefined) return cached;
  const def = loadDefinition(text, file);
  writeCachedDefinition(cacheDir, file, key, def);
  return def;
}

/** Every *.yaml file under the directories, sorted, each once (a dir may be given twice). */
function yamlFiles(dirs: readonly string[]): string[] {
  const files = new Set<string>();
  for (const dir of dirs.map((d) => resolve(d))) {
    if (!isDirectory(dir)) throw new DefinitionError(dir, [{ at: dir, message: 'resource directory not found' }]);
    for (const rel of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
      if (rel.endsWith('.yaml')) files.add(join(dir, rel));
    }
  }
  return [...files].sort();
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
