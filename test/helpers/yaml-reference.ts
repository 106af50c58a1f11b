// What the fast manifest readers (located-scan.ts, located-fast.ts) are tested against: the yaml
// package's reading (parseLocatedExactly), values and every line:column. A reader either gives
// exactly that tree or steps aside (undefined) for the next reader.

import { CORE_SCHEMA, dump } from 'js-yaml';
import { expect } from 'vitest';
import { stringify } from 'yaml';
import type { Located } from '../../src/apply/located-yaml.js';
import { parseLocatedExactly } from '../../src/apply/located-yaml.js';

export const MAX_NODES = 200_000;

/**
 * Asserts `read` agrees with the yaml package on `text` (the same tree, and never a text the yaml
 * package refuses); returns whether it took the text. `who` names the reader in failure messages.
 */
export function agreesWithYaml(read: (text: string, maxNodes: number) => Located | undefined, who: string, text: string): boolean {
  const taken = read(text, MAX_NODES);
  if (taken === undefined) return false;
  const exact = parseLocatedExactly(text, 'f.yaml');
  expect(exact.issues, `${who} accepted what the yaml package refuses:\n${text}`).toEqual([]);
  expect(taken, text).toEqual(exact.root);
  return true;
}

/** The YAML spellings the generated-value fuzzers write a JSON value in. */
export const YAML_STYLES = ['block', 'flow', 'js-yaml'] as const;

export function yamlText(value: unknown, style: (typeof YAML_STYLES)[number]): string {
  return style === 'js-yaml' ? dump(value, { schema: CORE_SCHEMA }) : stringify(value, style === 'flow' ? { collectionStyle: 'flow' } : {});
}
