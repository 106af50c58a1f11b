// The shape of one manifest entry (`name`, `props`, optional `match` and `description`), read from the
// located tree without interpreting values yet. Shape problems are reported, not thrown, so a whole
// manifest's problems come out in one run.

import { didYouMean } from '../util/suggest.js';
import { entryOf, type Located, type Pos } from './located-yaml.js';

export interface RawProp {
  readonly name: string;
  readonly namePos: Pos;
  readonly value: Located;
}

export interface RawEntry {
  readonly name: string;
  readonly pos: Pos;
  readonly props: readonly RawProp[];
  /** `match: [fields…]`, when the entry chooses its own key. */
  readonly match: { readonly paths: readonly string[]; readonly pos: Pos } | null;
}

export type EntryReport = (pos: Pos, entry: string | null, message: string) => void;

const ENTRY_KEYS = ['name', 'props', 'match', 'description'];
// `description` on a prop documents it, as in StackQL's manifest; it is never sent.
const PROP_KEYS = ['name', 'value', 'description'];

export function readEntry(node: Located, index: number, report: EntryReport): RawEntry | null {
  if (node.kind !== 'map') {
    report(node.pos, null, `entry #${index + 1}: expected a mapping with name and props`);
    return null;
  }
  const nameNode = entryOf(node, 'name')?.value;
  const name = nameNode?.kind === 'scalar' && typeof nameNode.value === 'string' && nameNode.value.trim() !== '' ? nameNode.value : null;
  const label = name ?? `#${index + 1}`;
  if (name === null) report(nameNode?.pos ?? node.pos, label, `'name' is required and must be a non-empty string`);
  for (const e of node.entries) {
    if (!ENTRY_KEYS.includes(e.key)) report(e.keyPos, label, unknownKey(e.key, ENTRY_KEYS));
  }
  return { name: label, pos: node.pos, props: readProps(node, label, report), match: readMatch(node, label, report) };
}

function readProps(node: Located, label: string, report: EntryReport): RawProp[] {
  const props = entryOf(node, 'props');
  if (props === undefined) {
    report(node.pos, label, `'props' is required: a list of { name, value }`);
    return [];
  }
  if (props.value.kind !== 'seq') {
    report(props.value.pos, label, `'props' must be a list of { name, value }`);
    return [];
  }
  const out: RawProp[] = [];
  for (const item of props.value.items) {
    const prop = readProp(item, label, report);
    if (prop !== null) out.push(prop);
  }
  return out;
}

function readProp(item: Located, label: string, report: EntryReport): RawProp | null {
  if (item.kind !== 'map') {
    report(item.pos, label, `each prop must be a mapping { name, value }`);
    return null;
  }
  for (const e of item.entries) {
    if (!PROP_KEYS.includes(e.key)) report(e.keyPos, label, unknownKey(e.key, PROP_KEYS));
  }
  const name = entryOf(item, 'name');
  if (name === undefined || name.value.kind !== 'scalar' || typeof name.value.value !== 'string') {
    report(name?.value.pos ?? item.pos, label, `each prop needs a 'name' (a string)`);
    return null;
  }
  const value = entryOf(item, 'value');
  // A prop without `value:` is "not given", like an empty value.
  return { name: name.value.value, namePos: name.value.pos, value: value?.value ?? { kind: 'scalar', value: null, pos: item.pos } };
}

function readMatch(node: Located, label: string, report: EntryReport): RawEntry['match'] {
  const match = entryOf(node, 'match');
  if (match === undefined) return null;
  const v = match.value;
  const paths = v.kind === 'seq' ? v.items.map((i) => (i.kind === 'scalar' && typeof i.value === 'string' ? i.value : null)) : [];
  if (v.kind !== 'seq' || paths.length === 0 || paths.includes(null)) {
    report(v.pos, label, `'match' must be a non-empty list of field names (dotted paths like http_url_spec.url)`);
    return null;
  }
  return { paths: paths as string[], pos: v.pos };
}

export function unknownKey(key: string, known: readonly string[]): string {
  const suggestion = didYouMean(key, known);
  return `unknown key '${key}'${suggestion ? ` — ${suggestion}` : ''} (expected one of ${known.join(', ')})`;
}
