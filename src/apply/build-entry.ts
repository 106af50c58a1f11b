// One raw entry → a DesiredEntry: templates resolved, values typed, then every check the definition
// declares for creating a row (types and enums, required inputs, constraints), plus apply's own
// (known props, secrets from env, a usable match key). Problems are reported, never thrown.

import { checkConstraints, checkValue } from '../definition/index.js';
import type { MethodDef, ResourceDefinition } from '../definition/types.js';
import { didYouMean } from '../util/suggest.js';
import { findSecrets, literalSecretMessage } from './check-secrets.js';
import type { Pos, Scalar } from './located-yaml.js';
import { locatePath, splitProblem } from './locate-path.js';
import type { DesiredEntry } from './manifest-types.js';
import { normalizeValue } from './normalize-value.js';
import type { EntryReport, RawEntry, RawProp } from './read-entry.js';
import { resolveLocated, type TemplateContext } from './resolve-templates.js';
import { fieldAt, inputNames, methodFor } from './resource-fields.js';

export interface BuildContext {
  readonly def: ResourceDefinition;
  readonly templates: TemplateContext;
  readonly allowLiteralSecrets: boolean;
  readonly at: (pos: Pos) => string;
  readonly report: EntryReport;
  /** Collects write-only values for redaction. */
  readonly secrets: Set<string>;
  /**
   * The values of one-scalar props already built without a problem or a secret, by prop name and
   * scalar (`workspace: "{{ workspace }}"` is written once per entry): the same text always gives the
   * same value within one manifest. Only primitives and lists of primitives are kept (a list is
   * copied for each entry), so no two entries share an object.
   */
  readonly scalarProps?: Map<string, unknown>;
}

/** A scalar prop's cached "not given". */
const NOT_GIVEN = Symbol('not given');

/** Stands in for a broken prop's value in constraint checks: present, but neither a list nor a text. */
const GIVEN_BUT_BROKEN = Object.freeze({});

/** What every entry of one definition is checked against, worked out once per definition. */
interface CreateShape {
  readonly create: MethodDef;
  readonly known: readonly string[];
  readonly knownSet: ReadonlySet<string>;
  readonly naturalKey: readonly string[];
}

const shapes = new WeakMap<ResourceDefinition, CreateShape>();

function createShape(def: ResourceDefinition): CreateShape {
  let shape = shapes.get(def);
  if (shape === undefined) {
    const create = methodFor(def, 'insert');
    const known = [def.serverParam, ...inputNames(def, create)];
    shape = { create, known, knownSet: new Set(known), naturalKey: Object.freeze([...def.naturalKey]) };
    shapes.set(def, shape);
  }
  return shape;
}

export function buildEntry(raw: RawEntry, ctx: BuildContext): DesiredEntry | null {
  const { def } = ctx;
  const { create, known, knownSet } = createShape(def);
  const values: Record<string, unknown> = {};
  const broken = new Set<string>();
  const seen = new Set<string>();
  let problems = 0;
  const fail = (pos: Pos, message: string) => {
    problems += 1;
    ctx.report(pos, raw.name, message);
  };
  for (const prop of raw.props) {
    if (!knownSet.has(prop.name)) {
      const hint = didYouMean(prop.name, known);
      fail(prop.namePos, `unknown prop '${prop.name}'${hint ? ` — ${hint}` : ''} (props: ${known.join(', ')})`);
      continue;
    }
    if (seen.has(prop.name)) fail(prop.namePos, `prop '${prop.name}' is given twice`);
    seen.add(prop.name);
    const value = resolveProp(prop, ctx, (pos, message) => {
      broken.add(prop.name);
      fail(pos, message);
    });
    if (value !== undefined) values[prop.name] = value;
  }
  // A prop that was given but broken is already reported, so it is not "missing"; for the
  // constraints it still counts as given (both target specs is a problem whatever their content).
  for (const name of create.required) {
    if (values[name] === undefined && !broken.has(name)) fail(raw.pos, `missing required prop '${name}'`);
  }
  const given = broken.size === 0 ? values : { ...Object.fromEntries([...broken].map((name) => [name, GIVEN_BUT_BROKEN])), ...values };
  for (const problem of checkConstraints(create, def, given)) fail(raw.pos, problem);
  const match = checkMatch(raw, ctx, fail);
  const workspace = values[def.serverParam];
  if (problems > 0 || match === null || typeof workspace !== 'string') return null;
  // The values without the server param (a loop: object rest with a computed key is a slow runtime call).
  const rest: Record<string, unknown> = {};
  for (const name of Object.keys(values)) if (name !== def.serverParam) rest[name] = values[name];
  return { kind: 'desired', name: raw.name, at: ctx.at(raw.pos), workspace, values: rest, match };
}

/** Resolves, types and checks one prop; undefined when it is not given (or broken, after reporting). */
function resolveProp(prop: RawProp, ctx: BuildContext, fail: (pos: Pos, message: string) => void): unknown {
  const cache = ctx.scalarProps;
  const key = cache === undefined ? undefined : scalarKey(prop);
  if (cache === undefined || key === undefined) return buildProp(prop, ctx, fail);
  const known = cache.get(key);
  // A list of scalars (`events: [A, B]`) is handed out as a copy of its own.
  if (known !== undefined) return known === NOT_GIVEN ? undefined : Array.isArray(known) ? [...known] : known;
  let clean = true;
  const secrets = ctx.secrets.size;
  const value = buildProp(prop, ctx, (pos, message) => {
    clean = false;
    fail(pos, message);
  });
  // A value that reported a problem, or held a secret (noted for redaction, maybe refused as a
  // literal), is built again wherever it occurs; an object is never shared between entries.
  if (clean && ctx.secrets.size === secrets && (isPrimitive(value) || (Array.isArray(value) && value.every(isPrimitive)))) {
    cache.set(key, value === undefined ? NOT_GIVEN : Array.isArray(value) ? [...value] : value);
  }
  return value;
}

/** The cache key of a prop whose value is one scalar or a list of scalars; undefined for anything else. */
function scalarKey(prop: RawProp): string | undefined {
  const node = prop.value;
  if (node.kind === 'scalar') return `${prop.name}\u0000${scalarText(node.value)}`;
  if (node.kind !== 'seq') return undefined;
  let key = `${prop.name}\u0000[`;
  for (const item of node.items) {
    if (item.kind !== 'scalar') return undefined;
    key += `,${scalarText(item.value)}`;
  }
  return key;
}

/** One scalar as distinct text: strings quoted (so no text spells another key), -0 apart from 0. */
function scalarText(value: Scalar): string {
  if (typeof value === 'string') return JSON.stringify(value);
  return typeof value === 'number' && Object.is(value, -0) ? '-0' : String(value);
}

function isPrimitive(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}

function buildProp(prop: RawProp, ctx: BuildContext, fail: (pos: Pos, message: string) => void): unknown {
  const { def } = ctx;
  let broken = false;
  const resolved = resolveLocated(prop.value, ctx.templates, (pos, m) => {
    broken = true;
    fail(pos, `${prop.name}: ${m}`);
  });
  if (broken) return undefined;
  const field = prop.name === def.serverParam ? undefined : fieldAt(def, prop.name);
  const value = field === undefined ? emptyToUndefined(resolved.value) : normalizeValue(field, resolved.value);
  if (value === undefined) return undefined;
  const problems = checkValue(def, prop.name, value, prop.name);
  for (const problem of problems) fail(locatePath(prop.value, splitProblem(problem).path.slice(prop.name.length)), problem);
  for (const secret of findSecrets(def, prop.name, value, resolved.envPaths)) {
    ctx.secrets.add(secret.value);
    if (secret.literal && !ctx.allowLiteralSecrets) fail(locatePath(prop.value, secret.path), literalSecretMessage(secret.fullPath));
  }
  return problems.length > 0 ? undefined : value;
}

function checkMatch(raw: RawEntry, ctx: BuildContext, fail: (pos: Pos, message: string) => void): string[] | null {
  const { def } = ctx;
  // Shared by every entry without its own match: plain data nobody changes.
  if (raw.match === null) return createShape(def).naturalKey as string[];
  const usable = (p: string) => p === def.serverParam || (fieldAt(def, p) !== undefined && !fieldAt(def, p)?.writeOnly && !fieldAt(def, p)?.readOnly);
  const bad = raw.match.paths.filter((p) => !usable(p));
  for (const p of bad) {
    const candidates = def.naturalKey.concat(def.fields.filter((f) => !f.readOnly && !f.writeOnly).map((f) => f.name));
    const hint = didYouMean(p, candidates);
    fail(raw.match.pos, `match: '${p}' cannot identify a live ${def.noun.singular} (not a readable input field)${hint ? ` — ${hint}` : ''}`);
  }
  if (bad.length > 0) return null;
  // Matching always happens inside the entry's workspace, so the server param is part of every key.
  return raw.match.paths.includes(def.serverParam) ? [...raw.match.paths] : [def.serverParam, ...raw.match.paths];
}

function emptyToUndefined(v: unknown): unknown {
  return v === '' || v === null ? undefined : v;
}
