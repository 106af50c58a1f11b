// The fastest way to read a manifest into the located tree of located-yaml.ts: one pass over the
// text for the small part of YAML manifests are written in (block mappings and sequences, one-line
// flow collections, one-line plain and quoted scalars, comments), building the tree as it goes.
// js-yaml's event parser (located-fast.ts) costs ~50 ms on a 1,000-entry manifest in a fresh process
// plus ~30 ms turning its 30,000 events into the tree; this reader needs neither the events nor their
// garbage. It takes a text only when every line fits that subset exactly; anything else (block
// scalars, multi-line scalars or flow collections, anchors, tags, tabs, CR, non-ASCII plain scalars,
// trailing commas, a duplicate key, …) returns `undefined`, and the caller asks located-fast.ts, then
// the yaml package, whose reading (values and line:column positions) is the reference this reader is
// tested against (test/apply/located-scan.test.ts).

import { coreScalar } from './located-fast.js';
import type { Located, LocatedEntry, Pos } from './located-yaml.js';

type ScalarNode = Extract<Located, { kind: 'scalar' }>;

/** The text leaves the subset: the caller reads it another way. */
class NotScanned extends Error {}
const NOT_SCANNED = new NotScanned('not in the scanned subset');

const BARE_TEMPLATE_AT = /\{\{ *[A-Za-z_][\w.-]* *\}\}/y;
// Plain scalars on one line, ASCII only. The first character may not be an indicator (`-` only
// before a letter, digit or dot: `-5`, `-x`); `#`, quotes and `:` followed by a blank end one (the
// caller then decides: a comment, a key, or a text it leaves to the other readers). In flow context
// the flow indicators end one too. Inner blanks are kept, trailing ones are not part of the match.
const BLOCK_PLAIN = /(?:[A-Za-z0-9_./~+$()=^]|-(?=[A-Za-z0-9.]))(?:[!$-&(-9;-~]|:(?=[!-~])| +(?=[!$-&(-9;-~]))*/y;
const FLOW_PLAIN = /(?:[A-Za-z0-9_./~+$()=^]|-(?=[A-Za-z0-9.]))(?:[!$-&(-+\--9;-Z\\^-z|~]|:(?=[!-+\--Z\\^-z|~])| +(?=[!$-&(-+\--9;-Z\\^-z|~]))*/y;
// Quoted scalars on one line; the only escapes taken are \" \\ \/ \n \t.
const DOUBLE_QUOTED = /"((?:[^"\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]|\\["\\/nt])*)"/y;
const SINGLE_QUOTED = /'((?:[^'\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]|'')*)'/y;
const ESCAPE = /\\(["\\/nt])/g;
const UNESCAPED: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', n: '\n', t: '\t' };
/** YAML refuses implicit keys longer than 1,024 characters; long ones are left to the other readers. */
const MAX_KEY = 1000;
const MAX_DEPTH = 64;

const SPACE = 0x20;
const NEWLINE = 0x0a;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;
const COMMA = 0x2c;

/** The located tree of `text`, or `undefined` when it is not written in the subset read here. */
export function scanLocated(text: string, maxNodes: number): Located | undefined {
  // Tabs, CRs and a byte-order mark change what blanks and lines are: left to the full readers.
  if (text.length === 0 || text.includes('\t') || text.includes('\r') || text.charCodeAt(0) === 0xfeff) return undefined;
  try {
    return new Scanner(text, maxNodes).document();
  } catch (e) {
    if (e === NOT_SCANNED) return undefined;
    throw e;
  }
}

class Scanner {
  /** The offset read next. */
  private i = 0;
  /** The 1-based line of `i`, and the offset that line starts at. */
  private line = 1;
  private lineStart = 0;
  private nodes = 0;
  private depth = 0;
  // What the last inline node read was: a scalar that may be a key (not a flow collection or a
  // bare template), quoted or not, and where it started.
  private keyable = false;
  private quoted = false;
  private tokenStart = 0;
  /**
   * The items and entries of the collections being read, innermost last. Each collection's list is
   * cut from it at its exact length: an array grown by push keeps room for 16 more, and a manifest
   * has thousands of two-entry mappings that live until it is checked.
   */
  private readonly stack: unknown[] = [];

  constructor(
    private readonly text: string,
    private readonly maxNodes: number,
  ) {}

  document(): Located {
    const indent = this.nextLine();
    if (indent < 0) throw NOT_SCANNED;
    const root = this.block(indent);
    if (this.nextLine() >= 0) throw NOT_SCANNED;
    return root;
  }

  // ---- lines and blocks ----

  /**
   * Past blank and comment-only lines: leaves `i` at the first character of the next content line
   * and returns its indent, or -1 at the end of the text. Called again it returns the same.
   */
  private nextLine(): number {
    const t = this.text;
    for (;;) {
      let j = this.i;
      while (t.charCodeAt(j) === SPACE) j++;
      if (j >= t.length) {
        this.i = j;
        return -1;
      }
      const c = t.charCodeAt(j);
      if (c === NEWLINE) {
        this.newLineAt(j + 1);
      } else if (c === HASH) {
        const nl = t.indexOf('\n', j);
        if (nl === -1) {
          this.i = t.length;
          return -1;
        }
        this.newLineAt(nl + 1);
      } else {
        // `---` and `...` at the start of a line begin and end documents.
        if (j === this.lineStart && (c === DASH || c === 0x2e) && (t.startsWith('---', j) || t.startsWith('...', j))) throw NOT_SCANNED;
        this.i = j;
        return j - this.lineStart;
      }
    }
  }

  private newLineAt(offset: number): void {
    this.i = offset;
    this.line++;
    this.lineStart = offset;
  }

  /** After a value: blanks, an optional comment (after a blank), then the end of the line. */
  private endOfLine(): void {
    const t = this.text;
    const from = this.i;
    let j = from;
    while (t.charCodeAt(j) === SPACE) j++;
    if (j >= t.length) {
      this.i = j;
      return;
    }
    let c = t.charCodeAt(j);
    if (c === HASH && j > from) {
      j = t.indexOf('\n', j);
      if (j === -1) {
        this.i = t.length;
        return;
      }
      c = NEWLINE;
    }
    if (c !== NEWLINE) throw NOT_SCANNED;
    this.newLineAt(j + 1);
  }

  private pos(offset: number): Pos {
    return { line: this.line, col: offset - this.lineStart + 1 };
  }

  private count(): void {
    if (++this.nodes > this.maxNodes) throw NOT_SCANNED;
  }

  private blankOrEnd(offset: number): boolean {
    const c = this.text.charCodeAt(offset);
    return c === SPACE || c === NEWLINE || Number.isNaN(c);
  }

  private atSequenceItem(): boolean {
    return this.text.charCodeAt(this.i) === DASH && this.blankOrEnd(this.i + 1);
  }

  /** The block node whose first line starts at `i`, indented by `indent`. */
  private block(indent: number): Located {
    if (++this.depth > MAX_DEPTH) throw NOT_SCANNED;
    const node = this.atSequenceItem() ? this.sequence(indent) : this.mapping(indent, this.inlineToken());
    this.depth--;
    return node;
  }

  private sequence(indent: number): Located {
    const pos = this.pos(this.i);
    this.count();
    const base = this.stack.length;
    for (;;) {
      const t = this.text;
      const dash = this.i;
      let j = dash + 1;
      while (t.charCodeAt(j) === SPACE) j++;
      const c = t.charCodeAt(j);
      if (c === NEWLINE || Number.isNaN(c) || (c === HASH && j > dash + 1)) {
        // `-` alone: the item is the block on the lines below (an empty item is left to the others).
        this.i = dash + 1;
        this.endOfLine();
        const inner = this.nextLine();
        if (inner <= indent) throw NOT_SCANNED;
        this.stack.push(this.block(inner));
      } else {
        this.i = j;
        if (this.atSequenceItem()) throw NOT_SCANNED; // `- - x`
        const token = this.inlineToken();
        if (this.isKeyEnd()) {
          if (++this.depth > MAX_DEPTH) throw NOT_SCANNED;
          this.stack.push(this.mapping(j - this.lineStart, token));
          this.depth--;
        } else {
          this.stack.push(token);
          this.endOfLine();
        }
      }
      const next = this.nextLine();
      if (next > indent) throw NOT_SCANNED;
      if (next < indent || !this.atSequenceItem()) break;
    }
    return { kind: 'seq', items: this.popFrom<Located>(base), pos };
  }

  /**
   * A block mapping whose first key (`first`, just read) starts the current line's content at
   * `indent`; its other keys are on the following lines at the same indent.
   */
  private mapping(indent: number, first: Located): Located {
    const t = this.text;
    const base = this.stack.length;
    let pos: Pos | null = null;
    let keyNode = first;
    for (;;) {
      if (!this.isKeyEnd() || keyNode.kind !== 'scalar') throw NOT_SCANNED;
      const key = String(keyNode.value);
      if (this.i - this.tokenStart > MAX_KEY || this.hasKey(base, key)) throw NOT_SCANNED; // the yaml package reports a duplicate
      pos ??= keyNode.pos;
      this.i++; // the colon
      const afterColon = this.i;
      let j = afterColon;
      while (t.charCodeAt(j) === SPACE) j++;
      const c = t.charCodeAt(j);
      let value: Located;
      if (c === NEWLINE || Number.isNaN(c) || (c === HASH && j > afterColon)) {
        const emptyPos = this.pos(j);
        this.i = afterColon;
        this.endOfLine();
        const next = this.nextLine();
        if (next > indent) value = this.block(next);
        // A sequence may sit at its key's indent.
        else if (next === indent && this.atSequenceItem()) value = this.block(next);
        else {
          this.count();
          value = { kind: 'scalar', value: null, pos: emptyPos };
        }
      } else {
        this.i = j;
        if (this.atSequenceItem()) throw NOT_SCANNED; // `a: - b`
        value = this.inlineToken();
        if (this.isKeyEnd()) throw NOT_SCANNED; // `a: b: c`
        this.endOfLine();
      }
      this.stack.push({ key, keyPos: keyNode.pos, value });
      const next = this.nextLine();
      if (next > indent) throw NOT_SCANNED;
      if (next < indent) break;
      if (this.atSequenceItem()) {
        // A sequence at a mapping's indent ends it only when the mapping is a compact one inside
        // that sequence's item; the caller checks the indent.
        break;
      }
      keyNode = this.inlineToken();
    }
    return { kind: 'map', entries: this.popFrom<LocatedEntry>(base), pos: pos! };
  }

  /**
   * Whether the mapping whose entries sit on the stack from `base` has `key` already (mappings are
   * small: a scan of its entries so far beats building a Set for each of thousands).
   */
  private hasKey(base: number, key: string): boolean {
    const stack = this.stack;
    for (let k = base; k < stack.length; k++) if ((stack[k] as LocatedEntry).key === key) return true;
    return false;
  }

  private popFrom<T>(base: number): T[] {
    const list = this.stack.slice(base) as T[];
    this.stack.length = base;
    return list;
  }

  // ---- one line's nodes ----

  /** A scalar or a flow collection at `i` (isKeyEnd() then tells whether it was a key). */
  private inlineToken(): Located {
    const c = this.text.charCodeAt(this.i);
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      const node = this.flow();
      this.keyable = false;
      return node;
    }
    return this.scalarToken(BLOCK_PLAIN);
  }

  /** Whether the node just read is a key: a scalar followed by `:` and a blank or the end. */
  private isKeyEnd(): boolean {
    return this.keyable && this.text.charCodeAt(this.i) === COLON && this.blankOrEnd(this.i + 1);
  }

  private scalarToken(plain: RegExp): ScalarNode {
    const t = this.text;
    const start = this.i;
    const c = t.charCodeAt(start);
    let value: string | number | boolean | null;
    let quoted = true;
    if (c === 0x22 /* " */) {
      DOUBLE_QUOTED.lastIndex = start;
      if (!DOUBLE_QUOTED.test(t)) throw NOT_SCANNED;
      this.i = DOUBLE_QUOTED.lastIndex;
      value = t.slice(start + 1, this.i - 1);
      if (value.includes('\\')) value = value.replace(ESCAPE, (_s, e: string) => UNESCAPED[e]);
    } else if (c === 0x27 /* ' */) {
      SINGLE_QUOTED.lastIndex = start;
      if (!SINGLE_QUOTED.test(t)) throw NOT_SCANNED;
      this.i = SINGLE_QUOTED.lastIndex;
      value = t.slice(start + 1, this.i - 1);
      if (value.includes("''")) value = value.replaceAll("''", "'");
    } else {
      plain.lastIndex = start;
      if (!plain.test(t)) throw NOT_SCANNED;
      this.i = plain.lastIndex;
      const text = t.slice(start, this.i);
      value = plainValue(text, c);
      quoted = false;
    }
    this.count();
    this.keyable = true;
    this.quoted = quoted;
    this.tokenStart = start;
    return { kind: 'scalar', value, pos: this.pos(start) };
  }

  /** A flow collection on this line, or a bare `{{ name }}` template (taken back as its text). */
  private flow(): Located {
    const t = this.text;
    const start = this.i;
    const pos = this.pos(start);
    this.count();
    if (++this.depth > MAX_DEPTH) throw NOT_SCANNED;
    let node: Located;
    if (t.charCodeAt(start) === 0x7b) {
      BARE_TEMPLATE_AT.lastIndex = start;
      const template = t.charCodeAt(start + 1) === 0x7b ? BARE_TEMPLATE_AT.exec(t) : null;
      if (template !== null) {
        this.i = BARE_TEMPLATE_AT.lastIndex;
        node = { kind: 'scalar', value: template[0], pos };
      } else {
        node = { kind: 'map', entries: this.flowEntries(), pos };
      }
    } else {
      node = { kind: 'seq', items: this.flowItems(), pos };
    }
    this.depth--;
    return node;
  }

  private skipSpaces(): number {
    const t = this.text;
    let j = this.i;
    while (t.charCodeAt(j) === SPACE) j++;
    this.i = j;
    return t.charCodeAt(j);
  }

  /** After `{`: entries up to the closing `}`. */
  private flowEntries(): LocatedEntry[] {
    const t = this.text;
    this.i++;
    const base = this.stack.length;
    if (this.skipSpaces() === 0x7d) {
      this.i++;
      return [];
    }
    for (;;) {
      const c0 = t.charCodeAt(this.i);
      if (c0 === 0x7b || c0 === 0x5b) throw NOT_SCANNED; // a collection as a key
      const keyNode = this.scalarToken(FLOW_PLAIN);
      if (t.charCodeAt(this.i) !== COLON) throw NOT_SCANNED; // `{ a, b }`
      const key = String(keyNode.value);
      if (this.i - this.tokenStart > MAX_KEY || this.hasKey(base, key)) throw NOT_SCANNED;
      const quotedKey = this.quoted;
      this.i++;
      const afterColon = this.i;
      let c = this.skipSpaces();
      let value: Located;
      if (c === COMMA || c === 0x7d) {
        this.count();
        value = { kind: 'scalar', value: null, pos: this.pos(this.i) };
      } else {
        // A plain key's colon needs a blank after it; a quoted one's need not (`{"a":1}`).
        if (this.i === afterColon && !quotedKey) throw NOT_SCANNED;
        value = this.flowValue();
        c = this.skipSpaces();
      }
      this.stack.push({ key, keyPos: keyNode.pos, value });
      this.i++;
      if (c === 0x7d) return this.popFrom<LocatedEntry>(base);
      if (c !== COMMA || this.skipSpaces() === 0x7d) throw NOT_SCANNED; // a trailing comma is left to the others
    }
  }

  /** After `[`: items up to the closing `]`. */
  private flowItems(): Located[] {
    this.i++;
    const base = this.stack.length;
    if (this.skipSpaces() === 0x5d) {
      this.i++;
      return [];
    }
    for (;;) {
      this.stack.push(this.flowValue());
      const c = this.skipSpaces();
      this.i++;
      if (c === 0x5d) return this.popFrom<Located>(base);
      if (c !== COMMA || this.skipSpaces() === 0x5d) throw NOT_SCANNED;
    }
  }

  /** A value inside a flow collection; a `key: value` pair in a sequence is left to the others. */
  private flowValue(): Located {
    const c = this.text.charCodeAt(this.i);
    if (c === 0x7b || c === 0x5b) return this.flow();
    const node = this.scalarToken(FLOW_PLAIN);
    if (this.text.charCodeAt(this.i) === COLON) throw NOT_SCANNED;
    return node;
  }
}

/**
 * The core schema's reading of a plain scalar whose first character code is `c` (coreScalar's, which
 * runs a regex per kind): keys like `name` and values like `false` are told apart by their first
 * character and the few words that can be null or a boolean.
 */
function plainValue(text: string, c: number): string | number | boolean | null {
  switch (c) {
    case 0x7e /* ~ */:
      return text === '~' ? null : text;
    case 0x6e /* n */:
    case 0x4e /* N */:
      return text === 'null' || text === 'Null' || text === 'NULL' ? null : text;
    case 0x74 /* t */:
    case 0x54 /* T */:
      return text === 'true' || text === 'True' || text === 'TRUE' ? true : text;
    case 0x66 /* f */:
    case 0x46 /* F */:
      return text === 'false' || text === 'False' || text === 'FALSE' ? false : text;
  }
  // Numbers (and .inf, .nan) start with a sign, a digit or a dot; anything else is a string.
  if (c === 0x2b || c === 0x2d || c === 0x2e || (c >= 0x30 && c <= 0x39)) {
    const core = coreScalar(text);
    return core === undefined ? text : core;
  }
  return text;
}
