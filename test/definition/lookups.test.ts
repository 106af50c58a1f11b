import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import {
  columnNames, findField, findMethod, findParam, loadDefinition, methodForVerb, writeOnlyPaths,
} from '../../src/definition/index.js';
import { UnknownMethodError } from '../../src/errors.js';
import { realText } from './helpers.js';

const def = loadDefinition(realText(), 'real.yaml');

describe('names and paths', () => {
  test('columns are the fields, then the params that are not fields', () => {
    expect(columnNames(def)).toEqual([
      'id', 'model_name', 'creation_timestamp', 'description', 'events', 'http_url_spec', 'job_spec',
      'last_updated_timestamp', 'status', 'workspace', 'max_results', 'page_token', 'event',
    ]);
  });

  test.each([
    ['status', 'status'],
    ['http_url_spec.url', 'url'],
    ['job_spec.access_token', 'access_token'],
    ['http_url_spec.nope', null],
    ['status.url', null],
    ['workspace', null],
  ])('findField(%s) → %s', (path, name) => {
    expect(findField(def, path)?.name ?? null).toBe(name);
  });

  test('findParam finds params only', () => {
    expect(findParam(def, 'workspace')?.local).toBe('server');
    expect(findParam(def, 'http_url_spec')).toBeNull();
  });

  test('write-only paths are the secrets, for redaction', () => {
    expect(writeOnlyPaths(def)).toEqual(['http_url_spec.secret', 'http_url_spec.authorization', 'job_spec.access_token']);
  });
});

describe('methods', () => {
  test('by SQL verb', () => {
    expect(methodForVerb(def, 'update')?.httpMethod).toBe('PATCH');
  });

  test('by name, with a suggestion for a typo', () => {
    expect(findMethod(def, 'test').pastTense).toBe('tested');
    expect(() => findMethod(def, 'delte')).toThrow(UnknownMethodError);
    expect(() => findMethod(def, 'delte')).toThrow("did you mean 'delete'?");
  });

  test('an inherited object key is not a method', () => {
    expect(() => findMethod(def, 'toString')).toThrow(UnknownMethodError);
  });
});

// STYLE habit 3: only the YAML names the resource; the engine code of this stage must not.
// types.ts is excluded: it is the shared, fixed model and its doc comments use the resource as an example.
test('no engine file of the definition stage mentions webhooks', () => {
  const dir = fileURLToPath(new URL('../../src/definition/', import.meta.url));
  const offenders = readdirSync(dir)
    .filter((f) => f !== 'types.ts' && /webhook/i.test(readFileSync(dir + f, 'utf8')));
  expect(offenders).toEqual([]);
});
