// Manifest text → a validated Manifest, or one ManifestError listing every problem in the file with
// file:line:column and the entry's name. Nothing runs (no request, no statement) until this passed.

import { secretSpellings } from '../util/redact.js';
import type { Issue } from '../errors.js';
import { ManifestError } from '../errors.js';
import { closest } from '../util/suggest.js';
import type { Registry, ResourceDefinition } from '../definition/types.js';
import { buildEntry } from './build-entry.js';
import { chooseResource } from './choose-resource.js';
import { entryOf, formatAt, parseLocated, plainOf, type Located, type Pos } from './located-yaml.js';
import type { DesiredEntry, LoadOptions, Manifest } from './manifest-types.js';
import { entryKey, keyText } from './match-key.js';
import { readEntry, unknownKey, type EntryReport, type RawEntry } from './read-entry.js';
import { resolveLocated, type TemplateContext, type VarValue } from './resolve-templates.js';

export interface LoadedManifest {
  readonly manifest: Manifest;
  readonly def: ResourceDefinition;
}

const SUPPORTED_VERSION = 1;

/** What a --var can fill in a manifest: its `{{ name }}` placeholders (not `{{ env.NAME }}`). A var
 * no placeholder uses changes nothing, so a --var naming none is refused as a typo. */
function manifestVarNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g)) if (!m[1].startsWith('env.')) names.add(m[1]);
  return names;
}

export function loadManifest(text: string, file: string, registry: Registry, options: LoadOptions = {}): LoadedManifest {
  const issues: (Issue & { pos?: Pos })[] = [];
  const report: EntryReport = (pos, entry, message) =>
    issues.push({ pos, at: formatAt(file, pos), message: entry === null ? message : `entry '${entry}': ${message}` });
  const fail = (): never => {
    // In file order, so the list reads top to bottom like the manifest.
    const sorted = [...issues].sort((a, b) => (a.pos?.line ?? 0) - (b.pos?.line ?? 0) || (a.pos?.col ?? 0) - (b.pos?.col ?? 0));
    throw new ManifestError(file, sorted.map(({ at, message }) => ({ at, message })), { hint: 'fix each problem listed above (file:line:column); nothing was sent' });
  };
  const parsed = parseLocated(text, file);
  issues.push(...parsed.issues);
  if (parsed.root === null) {
    if (issues.length === 0) report({ line: 1, col: 1 }, null, 'the manifest is empty');
    return fail();
  }
  const chosen = chooseResource(registry, parsed.root);
  if (!chosen.ok) {
    report(chosen.pos, null, chosen.message);
    return fail();
  }
  const { def } = chosen;
  if (parsed.root.kind === 'map') checkTopLevel(parsed.root, def, report);
  // Every value a template reads from the environment, to be redacted on display.
  const fromEnv = new Set<string>();
  const onEnvRead = (value: string): void => void fromEnv.add(value);
  // A plain copy: each read of process.env itself is a call into the C++ environment (~15 µs; a
  // 1,000-entry manifest reads it thousands of times).
  const env = { ...(options.env ?? {}) };
  const vars = readVars(parsed.root, { vars: new Map(), env, onEnvRead }, options.vars ?? {}, report);
  checkCliVarsUsed(text, parsed.root, options.vars ?? {}, report);
  const secrets = new Set<string>();
  const entries: { entry: DesiredEntry; pos: Pos }[] = [];
  const nodes = entriesOf(chosen.entries, def, parsed.root.pos, report);
  const raws = nodes.map((node, i) => readEntry(node, i, report));
  const ctx = { def, templates: { vars, env, onEnvRead }, allowLiteralSecrets: options.allowLiteralSecrets ?? false, at: (p: Pos) => formatAt(file, p), report, secrets, scalarProps: new Map<string, unknown>() };
  for (const raw of raws) {
    if (raw === null) continue;
    const entry = buildEntry(raw, ctx);
    if (entry !== null) entries.push({ entry, pos: raw.pos });
  }
  checkDuplicates(raws, entries, def, report, (p) => formatAt(file, p));
  if (issues.length > 0) return fail();
  // Whatever came from the environment is shown redacted too (a Slack URL carries its secret in its
  // path), although it is compared for the diff like any value: redaction happens only on display.
  for (const value of fromEnv) for (const part of displaySecrets(value)) secrets.add(part);
  return { def, manifest: { kind: 'manifest', file, resource: def.id, entries: entries.map((e) => e.entry), secrets: [...secrets].flatMap(secretSpellings) } };
}

/**
 * The parts of an env value to hide: of a URL, what follows the host (path, query, fragment) and any
 * user:password, so `https://hooks.slack.com/***` still says where it goes; else the whole value.
 * Values under 4 characters (`1`, `true`) are not hidden: as whole tokens they would garble every
 * count and flag in the plan, and they carry no secret.
 */
function displaySecrets(value: string): string[] {
  if (value.length < 4) return [];
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return [value];
  }
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return [value];
  const parts: string[] = [];
  const userinfo = /^[a-z][a-z0-9+.-]*:\/\/([^@/?#]*)@/i.exec(value)?.[1];
  if (userinfo) parts.push(userinfo);
  const afterHost = value.slice(value.indexOf(url.host) + url.host.length).replace(/^\//, '');
  if (afterHost.length > 0) parts.push(afterHost);
  return parts;
}

function checkTopLevel(root: Located & { kind: 'map' }, def: ResourceDefinition, report: EntryReport): void {
  const known = ['version', 'vars', 'resource', def.noun.plural];
  for (const e of root.entries) if (!known.includes(e.key)) report(e.keyPos, null, unknownKey(e.key, known));
  const version = entryOf(root, 'version');
  if (version !== undefined && plainOf(version.value) !== SUPPORTED_VERSION) {
    report(version.value.pos, null, `unsupported version ${JSON.stringify(plainOf(version.value))} (this hookql reads version ${SUPPORTED_VERSION})`);
  }
}

function entriesOf(node: Located | null, def: ResourceDefinition, rootPos: Pos, report: EntryReport): readonly Located[] {
  if (node === null) {
    report(rootPos, null, `no '${def.noun.plural}' list: nothing to plan`);
    return [];
  }
  if (node.kind !== 'seq') {
    report(node.pos, null, `'${def.noun.plural}' must be a list of entries`);
    return [];
  }
  return node.items;
}

/** Manifest `vars` (which may read env, e.g. "{{ env.HOOK_SECRET }}"), overridden by --var. */
function readVars(root: Located, envOnly: TemplateContext, cli: Readonly<Record<string, string>>, report: EntryReport): Map<string, VarValue> {
  const vars = new Map<string, VarValue>();
  const node = entryOf(root, 'vars')?.value;
  if (node !== undefined && node.kind !== 'map' && !(node.kind === 'scalar' && node.value === null)) {
    report(node.pos, null, `'vars' must be a mapping of name: value`);
  } else if (node?.kind === 'map') {
    // Vars may use the environment but not each other: one level keeps resolution order obvious.
    for (const e of node.entries) {
      if (Object.hasOwn(cli, e.key)) continue; // overridden: its own templates need not resolve
      const r = resolveLocated(e.value, envOnly, (pos, m) => report(pos, null, `vars.${e.key}: ${m}`));
      vars.set(e.key, { value: r.value, fromEnv: r.envPaths.size > 0 });
    }
  }
  for (const [k, v] of Object.entries(cli)) vars.set(k, { value: v, fromEnv: false });
  return vars;
}

/** A --var that no placeholder uses changes nothing: `--var worksapce=prod` is a typo, not a no-op. */
function checkCliVarsUsed(text: string, root: Located, cli: Readonly<Record<string, string>>, report: EntryReport): void {
  const used = manifestVarNames(text);
  for (const name of Object.keys(cli)) {
    if (used.has(name)) continue;
    const guess = closest(name, used);
    const present = used.size === 0 ? 'the manifest has no {{ … }} placeholder' : `it uses ${[...used].map((n) => `{{ ${n} }}`).join(', ')}`;
    report(root.pos, null, `--var ${name}: no {{ ${name} }} placeholder in the manifest — ${guess ? `did you mean --var ${guess}=…? (${present})` : `remove it (${present})`}`);
  }
}

function checkDuplicates(
  raws: readonly (RawEntry | null)[],
  entries: readonly { entry: DesiredEntry; pos: Pos }[],
  def: ResourceDefinition,
  report: EntryReport,
  at: (p: Pos) => string,
): void {
  const byName = new Map<string, Pos>();
  for (const raw of raws) {
    if (raw === null) continue;
    const first = byName.get(raw.name);
    if (first !== undefined) report(raw.pos, raw.name, `duplicate name (first used at ${at(first)})`);
    else byName.set(raw.name, raw.pos);
  }
  checkKeys(entries, def, report);
}

/**
 * Two entries must never be able to match the same live row. Same match fields and values: a
 * duplicate key. Different match fields: entry A is ambiguous when B's values fit A's key too —
 * once B exists, A would match both rows (found here, not after the first apply).
 */
function checkKeys(entries: readonly { entry: DesiredEntry; pos: Pos }[], def: ResourceDefinition, report: EntryReport): void {
  // Each entry's match list, spelled once (a manifest has a handful of distinct lists, 1,000s of
  // entries; entries without their own match share one list).
  const spelled = new Map<readonly string[], string>();
  const listOf = new Map<DesiredEntry, string>();
  for (const { entry } of entries) {
    let list = spelled.get(entry.match);
    if (list === undefined) spelled.set(entry.match, (list = JSON.stringify(entry.match)));
    listOf.set(entry, list);
  }
  const matchLists = [...new Map(entries.map(({ entry }) => [listOf.get(entry)!, entry.match])).entries()];
  // With one list (no entry sets its own match) the list need not be part of the index key.
  const single = matchLists.length === 1;
  const index = new Map<string, DesiredEntry[]>();
  const ownKeys = new Map<DesiredEntry, string>();
  for (const { entry } of entries) {
    const own = listOf.get(entry)!;
    for (const [list, match] of matchLists) {
      // Under its own list an entry's key is its entryKey (spelled once, the plan asks for it again).
      const text = list === own ? entryKey(def, entry) : keyText(def, match, entry.workspace, entry.values);
      const key = single ? text : `${list}|${text}`;
      if (list === own) ownKeys.set(entry, key);
      const bucket = index.get(key);
      if (bucket === undefined) index.set(key, [entry]);
      else bucket.push(entry);
    }
  }
  for (const { entry, pos } of entries) {
    const list = listOf.get(entry)!;
    const same = index.get(ownKeys.get(entry)!) ?? [];
    const earlier = same.slice(0, same.indexOf(entry)).find((o) => listOf.get(o) === list);
    if (earlier !== undefined) {
      report(pos, entry.name, `duplicate key: entry '${earlier.name}' (at ${earlier.at}) has the same ${entry.match.join(', ')} — both would manage the same live ${def.noun.singular}`);
      continue;
    }
    const overlap = same.find((o) => o !== entry && listOf.get(o) !== list);
    if (overlap !== undefined) {
      report(pos, entry.name, `its key (${entry.match.join(', ')}) also fits entry '${overlap.name}' (at ${overlap.at}): once both exist it could not tell them apart — add match: with a field that differs`);
    }
  }
}
