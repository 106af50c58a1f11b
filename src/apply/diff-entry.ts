// Field-level comparison of one entry with the live row it matched. Only what the entry gives is
// compared: a field it leaves out is not managed (the API fills defaults such as status ACTIVE and
// enable_ssl_verification true, and a manifest should not fight them). Lists compare as sets.
// Write-only values cannot be compared at all: the API never returns them.

import type { FieldDef, ResourceDefinition } from '../definition/types.js';
import type { FieldDiff, LiveRow } from './plan-types.js';
import { fieldAt } from './resource-fields.js';

export interface EntryDiff {
  /** Everything that differs, plus write-only notes. */
  readonly diffs: readonly FieldDiff[];
  /** Top-level fields to send: each changed one, whole (an object spec is replaced, secrets and all). */
  readonly send: readonly string[];
}

export function diffEntry(def: ResourceDefinition, values: Readonly<Record<string, unknown>>, row: LiveRow, rotateSecrets: boolean): EntryDiff {
  const diffs: FieldDiff[] = [];
  const send: string[] = [];
  for (const [name, desired] of Object.entries(values)) {
    const field = fieldAt(def, name);
    const live = row.values[name] ?? undefined;
    const found = field?.type === 'object' ? diffObject(field, name, desired, live, rotateSecrets) : diffValue(field, name, desired, live);
    diffs.push(...found);
    if (found.some((d) => d.kind !== 'write-only' || d.resend)) send.push(name);
  }
  return { diffs, send };
}

function diffObject(field: FieldDef, name: string, desired: unknown, live: unknown, rotateSecrets: boolean): FieldDiff[] {
  const want = asRecord(desired);
  const have = asRecord(live);
  const compared: FieldDiff[] = [];
  const secrets: string[] = [];
  for (const [key, value] of Object.entries(want)) {
    const sub = field.properties.find((p) => p.name === key);
    if (sub?.writeOnly) secrets.push(`${name}.${key}`);
    else compared.push(...diffValue(sub, `${name}.${key}`, value, have[key] ?? undefined));
  }
  if (live === undefined && compared.length > 0) return [{ kind: 'changed', path: name, from: undefined, to: desired }, ...secretNotes(secrets, true)];
  // When the spec is sent anyway, its secrets go with it (the API replaces the whole spec).
  const resend = rotateSecrets || compared.length > 0;
  return [...compared, ...secretNotes(secrets, resend)];
}

function secretNotes(paths: readonly string[], resend: boolean): FieldDiff[] {
  return paths.map((path) => ({ kind: 'write-only', path, resend }));
}

function diffValue(field: FieldDef | undefined, path: string, desired: unknown, live: unknown): FieldDiff[] {
  if (Array.isArray(desired) && (field?.type === 'array' || field === undefined)) {
    const have = Array.isArray(live) ? live : [];
    const added = desired.filter((v) => !have.some((h) => same(h, v)));
    const removed = have.filter((h) => !desired.some((v) => same(h, v)));
    return added.length === 0 && removed.length === 0 ? [] : [{ kind: 'set', path, added, removed }];
  }
  return same(desired, live) ? [] : [{ kind: 'changed', path, from: live, to: desired }];
}

/** Deep equality on JSON values, ignoring object key order. */
export function same(a: unknown, b: unknown): boolean {
  // Most comparisons are of two equal texts, numbers or flags: no need to spell them (canonical
  // spelling would call them equal too).
  if (a === b && (a === null || typeof a !== 'object')) return true;
  return canonical(a) === canonical(b);
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined && x !== null);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return v === undefined ? 'null' : JSON.stringify(v);
}

function asRecord(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}
