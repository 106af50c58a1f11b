// Shared test helpers: the two definition files, and a way to break a valid one in a single place.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { DefinitionError, type Issue } from '../../src/errors.js';
import { loadDefinition } from '../../src/definition/index.js';

export const FIXTURE_DIR = fileURLToPath(new URL('../fixtures/resources', import.meta.url));
export const FIXTURE_FILE = `${FIXTURE_DIR}/acme_cloud/alerts/notification_channels.yaml`;
export const REAL_FILE = fileURLToPath(
  new URL('../../resources/databricks_workspace/ml/model_registry_webhooks.yaml', import.meta.url),
);

export const realText = (): string => readFileSync(REAL_FILE, 'utf8');
export const fixtureText = (): string => readFileSync(FIXTURE_FILE, 'utf8');

/** The real YAML as plain data, changed by `edit`, back as YAML text. */
export function mutated(edit: (doc: any) => void, text: string = realText()): string {
  const doc = parse(text);
  edit(doc);
  return stringify(doc);
}

/** The issues loadDefinition reports for a text; fails the test if it loads. */
export function issuesOf(text: string): Issue[] {
  try {
    loadDefinition(text, 'test.yaml');
  } catch (e) {
    if (e instanceof DefinitionError) return [...e.issues];
    throw e;
  }
  throw new Error('expected a DefinitionError, but the definition loaded');
}
