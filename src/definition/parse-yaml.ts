// YAML text → plain data, plus the problems that stop us before validation: syntax errors (with
// line:column) and anchors/aliases, which specs must not use (they stay flat and boring).

import { createRequire } from 'node:module';
import type { LineCounter as LineCounterType } from 'yaml';
import type { Issue } from '../errors.js';

type Yaml = typeof import('yaml');
let yamlModule: Yaml | null = null;

/** yaml is required on first use: definitions found in the on-disk cache (load-registry.ts) never need it. */
function yaml(): Yaml {
  return (yamlModule ??= createRequire(import.meta.url)('yaml') as Yaml);
}

export interface ParsedYaml {
  readonly data: unknown;
  readonly issues: readonly Issue[];
}

export function parseYaml(text: string): ParsedYaml {
  const { LineCounter, parseDocument, visit } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const issues: Issue[] = doc.errors.map((e) => ({ at: position(lineCounter, e.pos[0]), message: firstLine(e.message) }));
  visit(doc, {
    Alias(_key, node) {
      issues.push({ at: position(lineCounter, node.range?.[0] ?? 0), message: 'YAML aliases are not allowed; specs stay flat (repeat the value)' });
    },
    Node(_key, node) {
      if ('anchor' in node && node.anchor) {
        issues.push({ at: position(lineCounter, node.range?.[0] ?? 0), message: `YAML anchor '&${node.anchor}' is not allowed; specs stay flat` });
      }
    },
  });
  return { data: issues.length === 0 ? doc.toJS() : null, issues };
}

function position(lc: LineCounterType, offset: number): string {
  const { line, col } = lc.linePos(offset);
  return `line ${line}, column ${col}`;
}

function firstLine(message: string): string {
  return message.split('\n')[0];
}
