// YAML text → plain data, plus the problems that stop us before validation: syntax errors (with
// line:column) and anchors/aliases, which specs must not use (they stay flat and boring).

import { LineCounter, parseDocument, visit } from 'yaml';
import type { Issue } from '../errors.js';

export interface ParsedYaml {
  readonly data: unknown;
  readonly issues: readonly Issue[];
}

export function parseYaml(text: string): ParsedYaml {
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

function position(lc: LineCounter, offset: number): string {
  const { line, col } = lc.linePos(offset);
  return `line ${line}, column ${col}`;
}

function firstLine(message: string): string {
  return message.split('\n')[0];
}
