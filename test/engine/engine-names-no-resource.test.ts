// The engine is generic: the code between the front ends and the emulator never names a resource,
// one of its API paths, or one of its methods' wire paths. Every resource in resources/ — the
// registry ones included — is a YAML file and nothing else (STYLE.md habit 3).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../..', import.meta.url));
/**
 * Front ends (cli, serve, mcp, and snapshot, which drives the engine from `hookql snapshot`) and the
 * emulator may name resources in help texts and examples; nothing else may.
 */
const NOT_ENGINE = new Set(['emulator', 'cli', 'serve', 'mcp', 'snapshot']);

function files(dir: string, keep: (path: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return keep(path) ? files(path, keep) : [];
    return keep(path) ? [path] : [];
  });
}

const engineFiles = files(join(root, 'src'), (path) => {
  const top = relative(join(root, 'src'), path).split(/[\\/]/)[0];
  return !NOT_ENGINE.has(top) && (statSync(path).isDirectory() || path.endsWith('.ts'));
});

const resources = files(join(root, 'resources'), (path) => statSync(path).isDirectory() || path.endsWith('.yaml')).map((file) => {
  const doc = parse(readFileSync(file, 'utf8')) as { id: string; name: string; methods: Record<string, { path: string }> };
  return { file: relative(root, file), id: doc.id, name: doc.name, paths: [...new Set(Object.values(doc.methods).map((m) => m.path))] };
});

describe('the engine never names a resource', () => {
  it('reads the registry resources and the webhooks from YAML', () => {
    expect(resources.map((r) => r.name)).toEqual(expect.arrayContaining([
      'model_registry', 'model_registry_model_versions', 'model_registry_transitions', 'model_registry_comments',
      'model_registry_webhooks', 'webhook_deliveries',
    ]));
    expect(engineFiles.length).toBeGreaterThan(50);
  });

  it('no engine file, comments included, speaks of webhooks or registry models', () => {
    // The nouns come from each YAML's `noun`; a comment that says "webhook" is how a resource creeps
    // back into engine code, so the words themselves are refused here.
    const found = engineFiles.filter((file) => /[Ww]ebhook|registered_model|model_version|model_registry/.test(readFileSync(file, 'utf8')));
    expect(found.map((f) => relative(root, f))).toEqual([]);
  });

  for (const resource of resources) {
    it(`no engine file mentions ${resource.name}, its id or its paths`, () => {
      // A short name that is a plain word (`workspaces`, `profiles`) is also the engine's vocabulary
      // ("a statement over several workspaces"); such a resource is checked by its id and its paths.
      const words = [resource.id, ...(resource.name.includes('_') ? [resource.name] : []), ...resource.paths];
      const found = engineFiles.flatMap((file) => {
        const text = readFileSync(file, 'utf8');
        return words.filter((word) => new RegExp(`(^|[^A-Za-z0-9_])${escape(word)}($|[^A-Za-z0-9_])`).test(text)).map((w) => `${relative(root, file)}: ${w}`);
      });
      expect(found).toEqual([]);
    });
  }
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
