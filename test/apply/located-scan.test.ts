// The line scanner (located-scan.ts) must give exactly the located tree the yaml package gives —
// values and every line:column — or step aside (undefined) so the other readers take the text.

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanLocated } from '../../src/apply/located-scan.js';
import { parseLocated, parseLocatedExactly } from '../../src/apply/located-yaml.js';
import { manifestText } from '../../bench/make-manifest.js';
import { editedText } from '../helpers/text-edits.js';
import { agreesWithYaml, MAX_NODES as MAX, YAML_STYLES, yamlText } from '../helpers/yaml-reference.js';

/** Asserts the scanner agrees with the yaml package; returns whether it took the text. */
const agrees = (text: string): boolean => agreesWithYaml(scanLocated, 'the scanner', text);

// Spellings manifests are written in; each must be taken by the scanner (so the test fails if it steps aside).
const TAKEN: Record<string, string> = {
  'empty value then key': 'a:\nb: 1\n',
  'empty value with blanks': 'a:   \nb: 1\n',
  'empty value before a comment': 'a:   # c\nb: 1\n',
  'empty value last': 'a: 1\nb:\n',
  'no newline at the end': 'a: 1\nb: x',
  'empty values in flow': 'a: { x: , y: 1 }\nb: { z: }\nc: { w:, v: 2 }\n',
  'explicit nulls': 'a: ~\nb: null\nc: Null\n',
  'flow props': 'a: { name: x, value: "{{ y }}" }\n',
  'bare templates': 'a: {{ x }}\nb: [ {{ y }} ]\nc: { v: {{ z }} }\nd: {{w}} # c\n',
  'core numbers': 'a: 1\nb: 1.5\nc: 0x1F\nd: 0o17\ne: 1e3\nf: .inf\ng: -.Inf\nh: .nan\ni: 017\nj: +12\nk: -5\n',
  'underscored digits are a string': 'a: 1_000\n',
  'a binary spelling is a string': 'a: 0b11\n',
  booleans: 'a: true\nb: False\nc: yes\nd: on\n',
  'scalar keys': '1: a\ntrue: b\n~: c\n"q": d\n',
  'quoted scalars': 'a: "x\\ny \\"q\\" \\\\ \\/ \\t"\nb: \'it\'\'s\'\nc: "é✓"\nd: "x: y # z"\n',
  'empty strings': 'a: ""\nb: \'\'\n',
  comments: '# head\na: 1 # tail\n# mid\nb:\n  # inside\n  - x # c\n\n   # odd indent\n  - y\n',
  'entries with props': 'webhooks:\n  - name: a\n    props:\n      - { name: x, value: 1 }\n      - name: y\n        value: [A, B]\n  - name: b\n',
  'sequence at the key indent': 'a:\n- 1\n- 2\nb: x\n',
  'sequence at the key indent in an item': '- a: 1\n  b:\n  - x\n  - y\n  c: 2\n- d\n',
  'empty collections': 'a: {}\nb: []\nc: { }\nd: [ ]\n',
  'colons, slashes and spaces in values': 'a: http://x/y?q=1&r=2\nb: some text, with commas [and] {braces}\nc: { u: https://h/p, d: two words }\nd: a:b\n',
  '__proto__ key': '__proto__: 1\nb: 2\n',
  'deep nesting': 'a:\n  b:\n    c:\n      - d: 1\n        e: [x, {f: g}]\n',
  'empty value in a sequence item': '- a:\n  b: 2\n- c:\n',
  'nested block under a dash': '-\n  a: 1\n- \n  - x\n',
  'JSON-style flow': 'a: {"k":1, "l": [true,null]}\n',
  'indented root': '  a: 1\n  b: 2\n',
  'a dot-dot-dot value': 'a: ...\n',
  'inner blanks kept': 'a: x   y\nb: { c: x  y }\n',
  'control characters in comments': '# \u0001 head\na: 1 # x\u0007y\nb: 2 # \ufffe\n',
};

// What the scanner leaves to the other readers (they read it exactly; most of it is valid YAML).
const LEFT: Record<string, string> = {
  'anchor and alias': 'a: &x 1\nb: *x\n',
  tag: 'a: !!str 1\n',
  'duplicate key': 'a: 1\na: 2\n',
  'duplicate flow key': 'a: { x: 1, x: 2 }\n',
  'syntax error': 'a: [1\n',
  'two documents': 'a: 1\n---\nb: 2\n',
  'document start': '---\na: 1\n',
  'a document end before more text': 'a:\n  b: 1\n...   c: 2\n',
  'only a comment': '# nothing\n',
  'empty text': '',
  'a bare template as a key': '{{ x }}: 1\nb: 2\n',
  'an empty sequence item': '- \n- x\n',
  'block scalar': 'a: |\n  x\n',
  'multi-line plain scalar': 'a: this is\n  a long plain\n',
  'multi-line flow': 'a: { x: 1,\n  y: 2 }\n',
  'multi-line quoted': 'a: "x\n  y"\n',
  'explicit key': '? a\n: 1\n',
  'CRLF lines': 'a: 1\r\nb: 2\r\n',
  'a tab': 'a:\t1\n',
  'a non-ASCII plain scalar': 'a: naïve\n',
  'a trailing comma': 'a: [1, 2,]\n',
  'a nested mapping on one line': 'a: b: c\n',
  'a dash after a key': 'a: - b\n',
  'a hash inside a plain scalar': 'a: x#y\n',
  'an apostrophe inside a plain scalar': "a: it's\n",
  'a key with a blank before its colon': 'a : 1\n',
  'an escape beyond the simple ones': 'a: "\\x41"\n',
  'bad indentation': 'a:\n  b: 1\n c: 2\n',
  'a scalar root': 'hello\n',
  'a flow root': '{ a: 1 }\n',
  'a flow pair in a sequence': 'a: [x: 1]\n',
  'a plain key without a blank after its colon in flow': 'a: {b:1}\n',
};

const FILES = [
  'manifests/examples/fleet-200.yaml',
  'manifests/examples/job-webhook.yaml',
  'manifests/examples/registry-wide.yaml',
  'manifests/examples/slack-production-transitions.yaml',
];

describe('scanLocated', () => {
  it.each(Object.entries(TAKEN))('reads %s exactly as the yaml package does', (_name, text) => {
    expect(agrees(text)).toBe(true);
  });

  it.each(Object.entries(LEFT))('leaves %s to the other readers', (_name, text) => {
    expect(scanLocated(text, MAX)).toBeUndefined();
    // …which read it as the yaml package does (or report what it reports).
    const other = parseLocated(text, 'f.yaml');
    const exact = parseLocatedExactly(text, 'f.yaml');
    expect(other.issues.length > 0).toBe(exact.issues.length > 0);
    if (exact.issues.length === 0) expect(other.root).toEqual(exact.root);
  });

  it.each(FILES)('reads %s exactly as the yaml package does', (file) => {
    expect(agrees(readFileSync(file, 'utf8'))).toBe(true);
  });

  it("leaves StackQL's manifest (block scalars) to the other readers", () => {
    expect(scanLocated(readFileSync('test/fixtures/stackql/manifest.yaml', 'utf8'), MAX)).toBeUndefined();
  });

  it('reads the bench manifest (1,000 entries) exactly as the yaml package does', () => {
    expect(agrees(manifestText(1000))).toBe(true);
  });

  it('reads a mapping of many keys, and steps aside at a duplicate among them', () => {
    const keys = Array.from({ length: 300 }, (_, i) => `k${i}: ${i}`);
    expect(agrees(`vars:\n${keys.map((k) => `  ${k}\n`).join('')}`)).toBe(true);
    expect(agrees(`a: { ${keys.join(', ')} }\n`)).toBe(true);
    expect(scanLocated(`vars:\n${[...keys, 'k150: x'].map((k) => `  ${k}\n`).join('')}`, MAX)).toBeUndefined();
  });

  it('when the text holds more values than allowed then it steps aside', () => {
    const text = `a: [${Array.from({ length: 50 }, (_, i) => i).join(', ')}]\n`;
    expect(scanLocated(text, 10)).toBeUndefined();
    expect(scanLocated(text, 100)).not.toBeUndefined();
  });

  it('parseLocated takes the scanner first', () => {
    const text = readFileSync('manifests/examples/job-webhook.yaml', 'utf8');
    expect(parseLocated(text, 'f.yaml')).toEqual({ root: scanLocated(text, MAX), issues: [] });
  });
});

describe('scanLocated on generated text', () => {
  const pieces = [' ', '  ', '\n', ':', ': ', '-', '- ', '{', '}', '[', ']', ',', '"', "'", '{{', '}}', '&a', '*a', '!!str', 'null', '~', '#', ' #', '\t', 'é', '\\', '\\n', '?', '|', '>', '0x1', '1e3', '1_0', 'true', "''", '...', '---', '%', '@'];

  it.each([
    ['the slack example', readFileSync('manifests/examples/slack-production-transitions.yaml', 'utf8'), 1717],
    ['the job example', readFileSync('manifests/examples/job-webhook.yaml', 'utf8'), 1718],
    ['a bench manifest', manifestText(3), 1719],
  ])('when %s is mutated then the scanner agrees or steps aside', (_name, seed, fuzzSeed) => {
    let taken = 0;
    fc.assert(
      fc.property(editedText(seed, pieces), (text) => {
        if (agrees(text)) taken++;
      }),
      { seed: fuzzSeed, numRuns: 1500 },
    );
    expect(taken).toBeGreaterThan(200); // most single edits stay in the subset: the scanner must take many
  });

  it('when any JSON-like value is written as YAML (block, flow, quoted) then the scanner agrees or steps aside', () => {
    let taken = 0;
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(...YAML_STYLES), (value, style) => {
        const text = yamlText(value, style);
        if (agrees(text)) taken++;
      }),
      { seed: 2324, numRuns: 1500 },
    );
    expect(taken).toBeGreaterThan(100);
  });
});
