// The fast way to read a manifest into the located tree of located-yaml.ts. The yaml package, which
// reads and reports everything exactly, takes ~375 ms for a 1,000-entry manifest (394 KB); js-yaml's
// event parser reads the same text in ~55 ms, each event carrying its offsets in the text. Those
// events are turned into the located tree here, with the YAML 1.2 core schema's reading of scalars
// (the yaml package's default). Whatever this reader does not take on (anchors, aliases, tags,
// several documents, an empty node without a place, a duplicate key) or js-yaml refuses returns
// `undefined`, and the caller reads the text with the yaml package: its messages are the ones users
// see. js-yaml's event parser refuses what the yaml package refuses: of 15,000 mutated manifests
// (test/apply/located-fast.test.ts runs 1,500 of them) none was taken here that the yaml package
// calls a YAML error, and every one taken gave the same tree, positions included.

import { COLLECTION_STYLE, EVENT_ID, getScalarValue, parseEvents, SCALAR_STYLE, type Event } from 'js-yaml';
import type { Located, LocatedEntry, Pos, Scalar } from './located-yaml.js';

type ScalarEvent = Extract<Event, { type: typeof EVENT_ID.SCALAR }>;

/** Something only the yaml package reads as before: the caller falls back to it. */
class NotTaken extends Error {}

// StackQL's documented manifest writes `enable_ssl_verification: {{ enable_ssl_verification }}`
// unquoted, which YAML reads as a nested flow mapping; such a node is taken back as the template text
// (the same rule as located-yaml.ts), matched where the flow mapping starts.
const BARE_TEMPLATE_AT = /\{\{\s*[A-Za-z_][\w.-]*\s*\}\}/y;

/** The end of a block scalar's header line: the indicator, its indent/chomping digits, a comment. */
const BLOCK_HEADER = /(^|[\s:?-])[|>][0-9+-]*[ \t]*(?:#.*)?\r?$/;

/**
 * The located tree of `text`, or `undefined` when the yaml package must read it (a syntax error,
 * anchors/aliases/tags, more than `maxNodes` values, anything else this reader leaves to it).
 */
export function fastLocated(text: string, maxNodes: number): Located | undefined {
  let events: Event[];
  try {
    events = parseEvents(text, {});
  } catch {
    return undefined;
  }
  // One document holding one node: DOCUMENT, the node's events, POP.
  if (events.length < 3 || events[0].type !== EVENT_ID.DOCUMENT || events[events.length - 1].type !== EVENT_ID.POP) return undefined;
  try {
    const reader = new EventReader(text, events, maxNodes);
    const root = reader.node();
    return reader.at === events.length - 1 ? root : undefined;
  } catch (e) {
    if (e instanceof NotTaken) return undefined;
    throw e;
  }
}

class EventReader {
  at = 1;
  private nodes = 0;
  private line = 0;
  private readonly lineStarts: number[] = [0];

  constructor(
    private readonly text: string,
    private readonly events: readonly Event[],
    private readonly maxNodes: number,
  ) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  /** The node whose first event is at `this.at`; leaves `this.at` past its last event. */
  node(): Located {
    const ev = this.events[this.at++];
    if (ev === undefined || ++this.nodes > this.maxNodes) throw new NotTaken();
    if (ev.type === EVENT_ID.SCALAR) return this.scalar(ev);
    if (ev.type !== EVENT_ID.SEQUENCE && ev.type !== EVENT_ID.MAPPING) throw new NotTaken(); // alias, a second document
    if (ev.anchorStart !== -1 || ev.tagStart !== -1) throw new NotTaken();
    const pos = this.posOf(ev.start);
    if (ev.type === EVENT_ID.SEQUENCE) {
      const items: Located[] = [];
      while (!this.atPop()) items.push(this.node());
      this.at++;
      return { kind: 'seq', items, pos };
    }
    BARE_TEMPLATE_AT.lastIndex = ev.start;
    const template = ev.style === COLLECTION_STYLE.FLOW ? BARE_TEMPLATE_AT.exec(this.text) : null;
    if (template) {
      this.skipRest();
      return { kind: 'scalar', value: template[0], pos };
    }
    const entries: LocatedEntry[] = [];
    const keys = new Set<string>();
    while (!this.atPop()) {
      const keyEvent = this.events[this.at];
      if (keyEvent.type !== EVENT_ID.SCALAR || keyEvent.valueStart === -1) throw new NotTaken(); // a collection or an empty key
      const keyNode = this.node() as Extract<Located, { kind: 'scalar' }>;
      const key = String(keyNode.value);
      if (keys.has(key)) throw new NotTaken(); // the yaml package reports the duplicate
      keys.add(key);
      const valueEvent = this.events[this.at];
      const value =
        valueEvent?.type === EVENT_ID.SCALAR && valueEvent.valueStart === -1 && valueEvent.style === SCALAR_STYLE.PLAIN && valueEvent.anchorStart === -1 && valueEvent.tagStart === -1
          ? this.emptyAfter(keyEvent.valueEnd)
          : this.node();
      entries.push({ key, keyPos: keyNode.pos, value });
    }
    this.at++;
    return { kind: 'map', entries, pos };
  }

  private atPop(): boolean {
    const ev = this.events[this.at];
    if (ev === undefined) throw new NotTaken();
    return ev.type === EVENT_ID.POP;
  }

  /** Past the rest of the collection just opened (a bare template's inner mapping). */
  private skipRest(): void {
    for (let depth = 1; depth > 0; ) {
      const ev = this.events[this.at++];
      if (ev === undefined) throw new NotTaken();
      if (ev.type === EVENT_ID.SEQUENCE || ev.type === EVENT_ID.MAPPING) depth++;
      else if (ev.type === EVENT_ID.POP) depth--;
    }
  }

  /**
   * `key:` with nothing after it. The event has no offsets; the yaml package places the empty value
   * after the colon and the blanks that follow it on its line.
   */
  private emptyAfter(keyEnd: number): Located {
    this.at++;
    const t = this.text;
    const blank = (i: number) => t.charCodeAt(i) === 0x20 || t.charCodeAt(i) === 0x09;
    let i = keyEnd;
    // A quoted key's range ends inside its closing quote.
    if (t.charCodeAt(i) === 0x22 || t.charCodeAt(i) === 0x27) i++;
    while (blank(i)) i++;
    if (t.charCodeAt(i) !== 0x3a /* : */) throw new NotTaken();
    for (i++; blank(i); ) i++;
    return { kind: 'scalar', value: null, pos: this.posOf(i) };
  }

  private scalar(ev: ScalarEvent): Located {
    if (ev.anchorStart !== -1 || ev.tagStart !== -1 || ev.valueStart === -1) throw new NotTaken();
    const decoded = getScalarValue(this.text, ev);
    const core = ev.style === SCALAR_STYLE.PLAIN ? coreScalar(decoded) : undefined;
    return { kind: 'scalar', value: core === undefined ? decoded : core, pos: this.posOf(this.start(ev)) };
  }

  /**
   * Quoted scalars start at their opening quote; block scalars at their `|` or `>` indicator, at the
   * end of the line before their text (the event's range is the text).
   */
  private start(ev: ScalarEvent): number {
    if (ev.style === SCALAR_STYLE.SINGLE_QUOTED || ev.style === SCALAR_STYLE.DOUBLE_QUOTED) return ev.valueStart - 1;
    if (ev.style !== SCALAR_STYLE.LITERAL_BLOCK && ev.style !== SCALAR_STYLE.FOLDED_BLOCK) return ev.valueStart;
    const headerEnd = ev.valueStart - 1;
    if (this.text.charCodeAt(headerEnd) !== 0x0a) throw new NotTaken();
    const headerStart = this.text.lastIndexOf('\n', headerEnd - 1) + 1;
    const m = BLOCK_HEADER.exec(this.text.slice(headerStart, headerEnd));
    if (!m) throw new NotTaken();
    return headerStart + m.index + m[1].length;
  }

  /** Nodes come in text order, so the line is found by walking on from the previous one (from the top if ever asked for an earlier offset). */
  private posOf(offset: number): Pos {
    const starts = this.lineStarts;
    let line = this.line;
    if (starts[line] > offset) line = 0;
    while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
    this.line = line;
    return { line: line + 1, col: offset - starts[line] + 1 };
  }
}

/** The YAML 1.2 core schema's reading of a plain scalar that is not a string; undefined for a string. */
export function coreScalar(s: string): Scalar | undefined {
  // Most plain scalars are names and URLs: only these first characters can start a non-string.
  if (!/^[-+.~0-9nNtTfF]/.test(s)) return undefined;
  if (/^(?:~|[Nn]ull|NULL)$/.test(s)) return null;
  if (/^(?:[Tt]rue|TRUE)$/.test(s)) return true;
  if (/^(?:[Ff]alse|FALSE)$/.test(s)) return false;
  if (/^[-+]?[0-9]+$/.test(s)) return Number(s);
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.slice(2), 8);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.slice(2), 16);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(s)) return Number(s);
  if (/^[-+]?\.(?:inf|Inf|INF)$/.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^\.(?:nan|NaN|NAN)$/.test(s)) return NaN;
  return undefined;
}
