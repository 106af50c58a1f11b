// Validated definitions cached on disk between processes. Parsing the YAML and checking it with zod
// costs ~150 ms of every `hookql exec`; reading a cached entry costs well under 1 ms.
//
// An entry is used only when its key matches: the YAML text, the file's path, the hookql version and
// the compiled code of this folder (name, size and mtime of each file), so editing a definition or
// rebuilding hookql can never serve a stale result. One file per definition path, overwritten when
// the key changes, so the cache does not grow. It is an optimisation only: a missing, corrupt or
// unwritable cache just means the definition is validated again.

import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VERSION } from '../version.js';
import { deepFreeze } from './build-definition.js';
import type { ResourceDefinition } from './types.js';

/** Bump when the entry layout changes. */
const FORMAT = 2;
const CODE_DIR = dirname(fileURLToPath(import.meta.url));
let codeFingerprint: string | null = null;

export function definitionKey(file: string, text: string): string {
  return sha256(JSON.stringify([FORMAT, VERSION, fingerprint(), file, text]));
}

export function readCachedDefinition(cacheDir: string, file: string, key: string): ResourceDefinition | undefined {
  try {
    const entry = JSON.parse(readFileSync(entryPath(cacheDir, file), 'utf8')) as { key?: unknown; definition?: unknown };
    // Frozen like a freshly built definition, so callers see exactly the same kind of object.
    return entry.key === key ? deepFreeze(entry.definition as ResourceDefinition) : undefined;
  } catch {
    return undefined;
  }
}

export function writeCachedDefinition(cacheDir: string, file: string, key: string, definition: ResourceDefinition): void {
  const path = entryPath(cacheDir, file);
  const temp = `${path}.${process.pid}.tmp`;
  try {
    // Under $HOOKQL_HOME, which holds secrets elsewhere: owner-only like everything there.
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(temp, JSON.stringify({ key, definition }), { mode: 0o600 });
    // Atomic: a process starting meanwhile reads the old entry or the new one, never half of one.
    renameSync(temp, path);
  } catch {
    // A read-only home only costs start-up time.
  }
}

function entryPath(cacheDir: string, file: string): string {
  return join(cacheDir, 'definitions', `${sha256(file).slice(0, 32)}.json`);
}

/** Identifies the definition code that validated an entry (src/definition under vitest, dist/definition after tsc). */
function fingerprint(): string {
  return (codeFingerprint ??= readdirSync(CODE_DIR)
    .sort()
    .map((name) => {
      const s = statSync(join(CODE_DIR, name));
      return `${name}:${s.size}:${s.mtimeMs}`;
    })
    .join('|'));
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
