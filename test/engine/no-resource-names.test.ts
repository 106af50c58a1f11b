// The engine — the pipeline stages and engine.ts; not the emulator (it plays the real service) nor the
// front ends (their help texts may show examples) — never names a resource: each resource is its YAML
// alone. Every resource, built-in or fixture, is checked, so a new one is covered without touching this
// test: by its id, and by its name when that is distinctive (`model_registry_webhooks`, not `regions`).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { loadRegistry } from '../../src/definition/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const registry = loadRegistry([join(root, 'test/fixtures/resources')]);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

test('no engine source file names a resource (built-in or fixture)', () => {
  const stages = ['definition', 'parse', 'plan', 'execute', 'materialize', 'apply', 'util'];
  const engine = [...stages.flatMap((stage) => files(join(root, 'src', stage))), ...files(join(root, 'src')).filter((f) => /\/src\/[^/]+\.ts$/.test(f))];
  const defs = [...registry.resources.values()];
  const names = [...defs.map((def) => def.id), ...defs.map((def) => def.name).filter((name) => name.includes('_'))];
  expect(defs.length).toBeGreaterThan(2);
  const offenders = engine.flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    return names.filter((name) => text.includes(name)).map((name) => `${file.slice(root.length)}: ${name}`);
  });
  expect(offenders).toEqual([]);
});
