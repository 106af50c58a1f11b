// Manifests are read into a small "located" tree: plain values, each with the line:column it came
// from, so every validation problem can point at the exact spot in the file. Only this file and
// located-fast.ts touch a YAML library; everything after them works on this tree.
//
// located-scan.ts reads manifests written in the usual subset of YAML in one pass; located-fast.ts
// (js-yaml) reads most other manifests ~7× faster than the yaml package; this file's yaml package
// reads everything else, and reports every syntax error, exactly as before.

import { createRequire } from 'node:module';
import type { Document, Node } from 'yaml';
import type { Issue } from '../errors.js';
import { fastLocated } from './located-fast.js';
import { scanLocated } from './located-scan.js';

type Yaml = typeof import('yaml');
let yamlModule: Yaml | null = null;

/** yaml is required on first use: a manifest the fast reader takes never needs it (~25 ms to load). */
function yaml(): Yaml {
  return (yamlModule ??= createRequire(import.meta.url)('yaml') as Yaml);
}

export interface Pos {
  readonly line: number;
  readonly col: number;
}

export type Scalar = string | number | boolean | null;

export type Located =
  | { readonly kind: 'scalar'; readonly value: Scalar; readonly pos: Pos }
  | { readonly kind: 'seq'; readonly items: readonly Located[]; readonly pos: Pos }
  | { readonly kind: 'map'; readonly entries: readonly LocatedEntry[]; readonly pos: Pos };

export interface LocatedEntry {
  readonly key: string;
  readonly keyPos: Pos;
  readonly value: Located;
}

export interface ParsedYaml {
  readonly root: Located | null;
  readonly issues: readonly Issue[];
}

// StackQL's documented manifest writes `enable_ssl_verification: {{ enable_ssl_verification }}`
// unquoted, which YAML reads as a nested flow mapping. Such a node is taken back as the template text.
const BARE_TEMPLATE = /^\{\{\s*[A-Za-z_][\w.-]*\s*\}\}$/;

export function parseLocated(text: string, file: string): ParsedYaml {
  const fast = scanLocated(text, MAX_NODES) ?? fastLocated(text, MAX_NODES);
  return fast === undefined ? parseLocatedExactly(text, file) : { root: fast, issues: [] };
}

/** The yaml package's reading: the reference the fast reader is tested against, and its fallback. */
export function parseLocatedExactly(text: string, file: string): ParsedYaml {
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const posOf = (offset: number): Pos => lineCounter.linePos(offset);
  const issues: Issue[] = doc.errors.map((e) => ({
    at: formatAt(file, posOf(e.pos[0])),
    message: `YAML: ${e.message.split('\n')[0]}`,
  }));
  if (issues.length > 0) return { root: null, issues };
  try {
    const root = doc.contents === null ? null : toLocated(doc.contents as Node, { doc, text, posOf, budget: { nodes: MAX_NODES } });
    return { root, issues };
  } catch (e) {
    if (e instanceof TooLarge) return { root: null, issues: [{ at: formatAt(file, e.pos), message: `the manifest expands to more than ${MAX_NODES} values (aliases repeating aliases?): refused` }] };
    if (e instanceof UnknownAlias) return { root: null, issues: [{ at: formatAt(file, e.pos), message: `YAML: alias *${e.alias} names no anchor (&${e.alias}) defined before it` }] };
    throw e;
  }
}

export function formatAt(file: string, pos: Pos): string {
  return `${file}:${pos.line}:${pos.col}`;
}

/**
 * Aliases expand: a few lines of `&a [*b, *b, …]` can stand for billions of values ("billion
 * laughs"). Expansion stops at a fixed number of values, far above any real manifest.
 */
const MAX_NODES = 200_000;

class TooLarge extends Error {
  constructor(readonly pos: Pos) {
    super('manifest too large');
  }
}

/** The yaml package leaves `*a` without an earlier `&a` unresolved, without an error. */
class UnknownAlias extends Error {
  constructor(
    readonly pos: Pos,
    readonly alias: string,
  ) {
    super('unknown alias');
  }
}

interface Context {
  readonly budget: { nodes: number };
  readonly doc: Document;
  readonly text: string;
  readonly posOf: (offset: number) => Pos;
}

function toLocated(node: Node, ctx: Context, depth = 0): Located {
  const { isAlias, isMap, isPair, isScalar, isSeq } = yaml();
  const pos = ctx.posOf(node.range?.[0] ?? 0);
  if (--ctx.budget.nodes < 0) throw new TooLarge(pos);
  // Aliases are resolved (not rejected) so a hand-written manifest may reuse a block; depth guards cycles.
  if (isAlias(node) && depth < 50) {
    const target = node.resolve(ctx.doc);
    if (target === undefined) throw new UnknownAlias(pos, node.source);
    return toLocated(target as Node, ctx, depth + 1);
  }
  if (isScalar(node)) return { kind: 'scalar', value: scalarValue(node.value), pos };
  if (isSeq(node)) return { kind: 'seq', items: node.items.map((n) => toLocated(n as Node, ctx, depth + 1)), pos };
  if (isMap(node)) {
    const source = node.range ? ctx.text.slice(node.range[0], node.range[1]).trim() : '';
    if (node.flow && BARE_TEMPLATE.test(source)) return { kind: 'scalar', value: source, pos };
    const entries: LocatedEntry[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as Node | null;
      const keyPos = keyNode?.range ? ctx.posOf(keyNode.range[0]) : pos;
      const key = keyNode && isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
      const value: Located = pair.value ? toLocated(pair.value as Node, ctx, depth + 1) : { kind: 'scalar', value: null, pos: keyPos };
      entries.push({ key, keyPos, value });
    }
    return { kind: 'map', entries, pos };
  }
  return { kind: 'scalar', value: null, pos };
}

function scalarValue(v: unknown): Scalar {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return String(v); // dates, bigints: keep their text
}

/** The entry under `key` in a map node, or undefined. */
export function entryOf(node: Located, key: string): LocatedEntry | undefined {
  if (node.kind !== 'map') return undefined;
  // Asked several times for every entry and prop of a manifest: a loop, no callback.
  for (const e of node.entries) if (e.key === key) return e;
  return undefined;
}

/** The located value back to a plain JS value (no positions). */
export function plainOf(node: Located): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(plainOf);
    case 'map':
      return Object.fromEntries(node.entries.map((e) => [e.key, plainOf(e.value)]));
  }
}
