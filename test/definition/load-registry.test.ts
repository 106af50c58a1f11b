import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { clearDefinitionCache, findResource, loadRegistry } from '../../src/definition/index.js';
import { DefinitionError, UnknownResourceError } from '../../src/errors.js';
import { FIXTURE_DIR, fixtureText } from './helpers.js';

/** Resource ids defined by the YAML files under a directory (built-in and fixture sets both grow). */
function idsIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => /^id: (\S+)$/m.exec(readFileSync(join(dir, f), 'utf8'))?.[1] ?? f)
    .sort();
}
const BUILT_IN_DIR = join(import.meta.dirname, '../../resources');

const REAL_ID = 'databricks_workspace.ml.model_registry_webhooks';
const FIXTURE_ID = 'acme_cloud.alerts.notification_channels';
const temps: string[] = [];

function tempCopyOfFixtures(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hookql-defs-'));
  temps.push(dir);
  cpSync(FIXTURE_DIR, dir, { recursive: true });
  return dir;
}

afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
  clearDefinitionCache();
});

describe('loadRegistry', () => {
  test('finds the built-in resource under the package resources/ directory', () => {
    const ids = [...loadRegistry().resources.keys()].sort();
    expect(ids).toContain(REAL_ID);
    expect(ids).toEqual(idsIn(BUILT_IN_DIR));
  });

  test('adds the resources of extra directories (a second resource needs only a YAML file)', () => {
    const registry = loadRegistry([FIXTURE_DIR]);
    expect([...registry.resources.keys()].sort()).toEqual([...idsIn(BUILT_IN_DIR), ...idsIn(FIXTURE_DIR)].sort());
    expect(registry.resources.has(FIXTURE_ID)).toBe(true);
    expect(findResource(registry, FIXTURE_ID).serverParam).toBe('region');
  });

  test('parses each file once per process: a second load returns the same objects', () => {
    const first = loadRegistry([FIXTURE_DIR]);
    const second = loadRegistry([FIXTURE_DIR]);
    expect(second.resources.get(REAL_ID)).toBe(first.resources.get(REAL_ID));
    expect(second.resources.get(FIXTURE_ID)).toBe(first.resources.get(FIXTURE_ID));
  });

  test('a changed file is read again only after the cache is cleared', () => {
    const dir = tempCopyOfFixtures();
    const file = join(dir, 'acme_cloud/alerts/notification_channels.yaml');
    expect(findResource(loadRegistry([dir]), FIXTURE_ID).title).toBe('Notification Channels');
    writeFileSync(file, fixtureText().replace('title: Notification Channels', 'title: Channels v2'));
    expect(findResource(loadRegistry([dir]), FIXTURE_ID).title).toBe('Notification Channels');
    clearDefinitionCache();
    expect(findResource(loadRegistry([dir]), FIXTURE_ID).title).toBe('Channels v2');
  });

  test('the same directory given twice loads each file once', () => {
    expect(loadRegistry([FIXTURE_DIR, FIXTURE_DIR]).resources.size).toBe(idsIn(BUILT_IN_DIR).length + idsIn(FIXTURE_DIR).length);
  });

  test('two files defining one resource id is an error naming both', () => {
    // Only the copy in the second directory: with every fixture copied, which duplicate is reported
    // first depends on the file system's directory order.
    const dir = mkdtempSync(join(tmpdir(), 'hookql-defs-'));
    temps.push(dir);
    writeFileSync(join(dir, 'copy.yaml'), fixtureText());
    const message = (() => {
      try {
        loadRegistry([FIXTURE_DIR, dir]);
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(message).toMatch(/already defined in /);
    expect(message).toContain('copy.yaml');
    expect(message).toContain('notification_channels.yaml');
  });

  test('a broken file fails the load with a DefinitionError naming the file', () => {
    const dir = tempCopyOfFixtures();
    writeFileSync(join(dir, 'broken.yaml'), fixtureText().replace('idField: channel_id', 'idField: chanel_id'));
    const error = captured(() => loadRegistry([dir]));
    expect(error).toBeInstanceOf(DefinitionError);
    expect((error as DefinitionError).file).toMatch(/broken\.yaml$/);
    expect((error as DefinitionError).issues).toEqual([{ at: 'idField', message: "unknown field 'chanel_id' — did you mean 'channel_id'?" }]);
  });

  test('a missing extra directory is an error, not an empty registry', () => {
    expect(() => loadRegistry(['/nonexistent/hookql-resources'])).toThrow(DefinitionError);
  });
});

describe('findResource', () => {
  const registry = loadRegistry([FIXTURE_DIR]);

  test('accepts the id in any case, as SQL identifiers are', () => {
    expect(findResource(registry, REAL_ID.toUpperCase()).id).toBe(REAL_ID);
  });

  test.each([
    ['a typo in a known service', 'databricks_workspace.ml.model_registry_webhook',
      "unknown resource 'databricks_workspace.ml.model_registry_webhook' — did you mean 'databricks_workspace.ml.model_registry_webhooks'?",
      'SHOW RESOURCES IN databricks_workspace.ml lists its resources'],
    ['an unknown service', 'aws.s3.buckets', "unknown resource 'aws.s3.buckets'",
      /SHOW RESOURCES IN <provider\.service> lists resources; known services: .*acme_cloud\.alerts, .*databricks_workspace\.ml/],
  ])('%s gets a suggestion and a SHOW RESOURCES hint', (_name, name, message, hint) => {
    const error = captured(() => findResource(registry, name));
    expect(error).toBeInstanceOf(UnknownResourceError);
    expect(error).toMatchObject({ message, code: 'UNKNOWN_RESOURCE', exitCode: 2 });
    if (typeof hint === 'string') expect((error as UnknownResourceError).hint).toContain(hint);
    else expect((error as UnknownResourceError).hint).toMatch(hint);
  });
});

function captured(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}
