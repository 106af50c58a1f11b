// The on-disk cache of validated definitions (loadRegistry with a cacheDir): the same definitions as
// validating the YAML, never a stale one, and never a reason to fail.

import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { clearDefinitionCache, findResource, loadRegistry } from '../../src/definition/index.js';
import { DefinitionError } from '../../src/errors.js';
import { FIXTURE_DIR, fixtureText } from './helpers.js';

const FIXTURE_ID = 'acme_cloud.alerts.notification_channels';
const temps: string[] = [];

function temp(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

function fixtureCopy(): { dir: string; file: string } {
  const dir = temp('hookql-defs-');
  cpSync(FIXTURE_DIR, dir, { recursive: true });
  return { dir, file: join(dir, 'acme_cloud/alerts/notification_channels.yaml') };
}

const entries = (cacheDir: string) => readdirSync(join(cacheDir, 'definitions')).filter((f) => f.endsWith('.json'));

afterEach(() => {
  clearDefinitionCache();
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('loadRegistry with a cache directory', () => {
  test('when the cache is warm then every definition equals the one validated from YAML, frozen alike', () => {
    const cacheDir = temp('hookql-cache-');
    const validated = loadRegistry([FIXTURE_DIR]);
    clearDefinitionCache();
    loadRegistry([FIXTURE_DIR], { cacheDir }); // writes the entries
    clearDefinitionCache();
    const cached = loadRegistry([FIXTURE_DIR], { cacheDir }); // reads them
    expect(entries(cacheDir)).toHaveLength(validated.resources.size);
    for (const [id, def] of validated.resources) {
      expect(cached.resources.get(id)).toStrictEqual(def);
      expect(Object.isFrozen(cached.resources.get(id)?.methods)).toBe(true);
    }
  });

  test('when a definition file changes then the new text is validated and its entry replaced', () => {
    const cacheDir = temp('hookql-cache-');
    const { dir, file } = fixtureCopy();
    loadRegistry([dir], { cacheDir });
    clearDefinitionCache();
    writeFileSync(file, fixtureText().replace('title: Notification Channels', 'title: Channels v2'));
    const reloaded = loadRegistry([dir], { cacheDir });
    expect(findResource(reloaded, FIXTURE_ID).title).toBe('Channels v2');
    // The changed file's entry is replaced, not added beside the old one: one entry per resource.
    expect(entries(cacheDir)).toHaveLength(reloaded.resources.size);
  });

  test('when a changed definition is invalid then it fails even though an older version is cached', () => {
    const cacheDir = temp('hookql-cache-');
    const { dir, file } = fixtureCopy();
    loadRegistry([dir], { cacheDir });
    clearDefinitionCache();
    writeFileSync(file, fixtureText().replace('title: Notification Channels', 'title: ""'));
    expect(() => loadRegistry([dir], { cacheDir })).toThrow(DefinitionError);
  });

  test('when an entry is corrupt then the YAML is validated again and the entry rewritten', () => {
    const cacheDir = temp('hookql-cache-');
    loadRegistry([FIXTURE_DIR], { cacheDir });
    clearDefinitionCache();
    for (const name of entries(cacheDir)) writeFileSync(join(cacheDir, 'definitions', name), '{"key": "x", "defin');
    expect(findResource(loadRegistry([FIXTURE_DIR], { cacheDir }), FIXTURE_ID).title).toBe('Notification Channels');
    for (const name of entries(cacheDir)) expect(() => JSON.parse(readFileSync(join(cacheDir, 'definitions', name), 'utf8'))).not.toThrow();
  });

  test('when the cache directory cannot be created then definitions still load', () => {
    // A regular file where the directory should be: mkdir fails even for root.
    const blocker = join(temp('hookql-cache-'), 'not-a-dir');
    writeFileSync(blocker, '');
    expect(findResource(loadRegistry([FIXTURE_DIR], { cacheDir: join(blocker, 'cache') }), FIXTURE_ID).title).toBe('Notification Channels');
  });
});
