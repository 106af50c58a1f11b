// The fast manifest reader (js-yaml) must give exactly the located tree the yaml package gives —
// values and every line:column — or step aside (undefined) so the yaml package reads the text.

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastLocated } from '../../src/apply/located-fast.js';
import { parseLocated, parseLocatedExactly } from '../../src/apply/located-yaml.js';
import { editedText } from '../helpers/text-edits.js';
import { agreesWithYaml, MAX_NODES as MAX, YAML_STYLES, yamlText } from '../helpers/yaml-reference.js';

/** Asserts the fast reader agrees with the yaml package; returns whether it took the text. */
const agrees = (text: string): boolean => agreesWithYaml(fastLocated, 'the fast reader', text);

// Spellings a manifest may use; each must be read by the fast path (so the test fails if it dies).
const ORDINARY: Record<string, string> = {
  'empty value then key': 'a:\nb: 1\n',
  'empty value with blanks': 'a:   \nb: 1\n',
  'empty value before a comment': 'a:   # c\nb: 1\n',
  'empty value last': 'a: 1\nb:\n',
  'empty values in flow': 'a: { x: , y: 1 }\nb: { z: }\n',
  'explicit nulls': 'a: ~\nb: null\nc: Null\n',
  'flow props': 'a: { name: x, value: "{{ y }}" }\n',
  'bare templates': 'a: {{ x }}\nb: [ {{ y }} ]\n',
  'core numbers': 'a: 1\nb: 1.5\nc: 0x1F\nd: 0o17\ne: 1e3\nf: .inf\ng: -.Inf\nh: .nan\ni: 017\nj: +12\n',
  'underscored digits are a string': 'a: 1_000\n',
  'a binary spelling is a string': 'a: 0b11\n',
  booleans: 'a: true\nb: False\nc: yes\nd: on\n',
  'scalar keys': '1: a\ntrue: b\n~: c\n"q": d\n',
  'quoted and block scalars': 'a: "x\\ny"\nb: \'it\'\'s\'\nc: |\n  line1\n  line2\nd: >\n  folded\n  text\n',
  'block scalar headers': 'a: |2-  # c\n   l1\nb: >+\n  f\n\nc|d: |\n  x\n',
  'empty strings': 'a: ""\nb: \'\'\nc: |\nd: 1\n',
  comments: '# head\na: 1 # tail\n# mid\nb:\n  # inside\n  - x # c\n',
  'multi-line plain scalar': 'a: this is\n  a long plain\n  scalar\n',
  'document start': '---\na: 1\n',
  'explicit key': '? a\n: 1\n',
  'entries with props': 'webhooks:\n  - name: a\n    props:\n      - { name: x, value: 1 }\n      - name: y\n        value: [A, B]\n  - name: b\n',
  'sequence at the key indent': 'a:\n- 1\n- 2\nb: x\n',
  'multi-line flow': 'a: { x: 1,\n  y: 2 }\nb: [1,\n  2]\n',
  'empty collections': 'a: {}\nb: []\n',
  'scalar root': 'hello\n',
  'CRLF lines': 'a: 1\r\nb:\r\n  - x\r\n',
  'a tab after the colon': 'a:\t1\n',
  unicode: 'a: "é✓"\nb: naïve\n',
  'colons in values': 'a: "x: y"\nb: http://x/y\n',
  '__proto__ key': '__proto__: 1\nb: 2\n',
  'deep nesting': 'a:\n  b:\n    c:\n      - d: 1\n        e: [x, {f: g}]\n',
  'empty value in a sequence item': '- a:\n  b: 2\n- c:\n',
};

// What only the yaml package reads as before; the fast reader must leave these to it.
const LEFT_TO_YAML: Record<string, string> = {
  'anchor and alias': 'a: &x 1\nb: *x\n',
  tag: 'a: !!str 1\n',
  'duplicate key': 'a: 1\na: 2\n',
  'syntax error': 'a: [1\n',
  'two documents': 'a: 1\n---\nb: 2\n',
  'only a comment': '# nothing\n',
  'empty text': '',
  'a bare template as the first key (a mapping as a key)': '{{ x }}: 1\nb: 2\n',
  'an empty sequence item': '- \n- x\n',
  'alias without its anchor': 'a: *a\n',
};

const FILES = [
  'manifests/examples/fleet-200.yaml',
  'manifests/examples/job-webhook.yaml',
  'manifests/examples/registry-wide.yaml',
  'manifests/examples/slack-production-transitions.yaml',
  'test/fixtures/stackql/manifest.yaml',
  'resources/databricks_workspace/ml/model_registry_webhooks.yaml',
  'resources/databricks_workspace/ml/model_registry.yaml',
  'resources/hookql/config/profiles.yaml',
];

describe('fastLocated', () => {
  it.each(Object.entries(ORDINARY))('reads %s exactly as the yaml package does', (_name, text) => {
    expect(agrees(text)).toBe(true);
  });

  it.each(Object.entries(LEFT_TO_YAML))('leaves %s to the yaml package', (_name, text) => {
    expect(fastLocated(text, MAX)).toBeUndefined();
  });

  it.each(FILES)('reads %s exactly as the yaml package does', (file) => {
    expect(agrees(readFileSync(file, 'utf8'))).toBe(true);
  });

  it('when the text holds more values than allowed then the yaml package reads (and refuses) it', () => {
    const text = `a: [${Array.from({ length: 50 }, (_, i) => i).join(', ')}]\n`;
    expect(fastLocated(text, 10)).toBeUndefined();
    expect(fastLocated(text, 100)).not.toBeUndefined();
  });

  it('parseLocated reports syntax errors with the yaml package message and position', () => {
    expect(parseLocated('a: [1\n', 'm.yaml').issues[0]).toEqual(parseLocatedExactly('a: [1\n', 'm.yaml').issues[0]);
    expect(parseLocated('a: [1\n', 'm.yaml').issues[0].at).toMatch(/^m\.yaml:\d+:\d+$/);
  });
});

describe('fastLocated on generated text', () => {
  const SEED = readFileSync('manifests/examples/slack-production-transitions.yaml', 'utf8');

  it('when a manifest is mutated then the fast reader agrees or steps aside', () => {
    const pieces = [' ', '\n', ':', ': ', '-', '- ', '{', '}', '[', ']', ',', '"', "'", '{{', '}}', '&a', '*a', '!!str', 'null', '~', '#', '\t', 'é', '\\', '?', '|', '>', '0x1', '1e3', '1_0'];
    let taken = 0;
    fc.assert(
      fc.property(editedText(SEED, pieces), (text) => {
        if (agrees(text)) taken++;
      }),
      { seed: 1717, numRuns: 1500 },
    );
    expect(taken).toBeGreaterThan(300); // most single edits still parse; the fast path must take many
  });

  it('when any JSON-like value is written as YAML (block, flow, quoted) then the fast reader agrees', () => {
    let taken = 0;
    let runs = 0;
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(...YAML_STYLES), (value, style) => {
        runs++;
        const text = yamlText(value, style);
        if (agrees(text)) taken++;
      }),
      { seed: 2323, numRuns: 1500 },
    );
    expect(taken / runs).toBeGreaterThan(0.8);
  });
});

describe('parseLocated on aliases', () => {
  it('when an alias names no anchor then the problem is reported at the alias, not thrown', () => {
    expect(parseLocated('a: 1\nb: *nope\n', 'm.yaml')).toEqual({ root: null, issues: [{ at: 'm.yaml:2:4', message: 'YAML: alias *nope names no anchor (&nope) defined before it' }] });
  });
});
