// Live state → manifest text (`hookql export`): in hookql's format or as StackQL's documented `props`
// list. Pure: the same live rows always give the same text, so an export can be diffed and committed.
// What the API never returns (write-only values) is never invented: a required one becomes a
// `{{ env.NAME }}` placeholder, an optional one a commented-out line, each saying why.
// Planning the result against the same live state reports no changes.

import type { FieldDef, ResourceDefinition } from '../definition/types.js';
import { entryName, envName, slug, uniqueNames, workspaceVars } from './export-names.js';
import { describeKey, keyText } from './match-key.js';
import type { LiveRow } from './plan-types.js';
import { fieldAt, inputNames, methodFor, scopeField, valueAt } from './resource-fields.js';
import { yamlScalar } from './yaml-scalar.js';

export type ExportFormat = 'hookql' | 'stackql';

export interface ExportOptions {
  /** Workspaces in the order given (the rows of each come in that order). */
  readonly workspaces: readonly string[];
  /** Only rows whose scope field (the model) is one of these; empty = all. */
  readonly scopes: readonly string[];
  readonly format: ExportFormat;
}

export interface ExportedManifest {
  readonly text: string;
  readonly entries: number;
  /** Things the user must know (live rows the manifest cannot tell apart). */
  readonly warnings: readonly string[];
}

interface Prop {
  readonly name: string;
  readonly lines: readonly string[];
}

export function exportManifest(def: ResourceDefinition, live: ReadonlyMap<string, readonly LiveRow[]>, options: ExportOptions): ExportedManifest {
  const vars = workspaceVars(def.serverParam, options.workspaces);
  const rows = options.workspaces.flatMap((ws) => sortRows(def, (live.get(ws) ?? []).filter((r) => inScope(def, r, options.scopes))));
  const prefix = (ws: string) => (options.workspaces.length > 1 ? slug(ws) : null);
  const names = uniqueNames(rows.map((r) => entryName(def, r, prefix(r.workspace))));
  const entries = rows.map((row, i) => entryProps(def, row, names[i], `{{ ${vars.get(row.workspace)} }}`, options.format));
  const body = options.format === 'stackql' ? stackqlBody(names, entries) : hookqlBody(def, vars, names, entries);
  return { text: header(def, options, vars, rows.length) + body, entries: rows.length, warnings: duplicates(def, rows) };
}

function inScope(def: ResourceDefinition, row: LiveRow, scopes: readonly string[]): boolean {
  if (scopes.length === 0) return true;
  const field = scopeField(def);
  const v = field === undefined ? undefined : valueAt(row.values, field);
  return v !== undefined && scopes.includes(String(v));
}

/** By natural key, then id: a stable order that keeps one model's rows together. */
function sortRows(def: ResourceDefinition, rows: readonly LiveRow[]): LiveRow[] {
  const key = (r: LiveRow) => keyText(def, def.naturalKey, r.workspace, r.values) + r.id;
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** The props of one entry: the server param, the scope field, the other inputs, objects last. */
function entryProps(def: ResourceDefinition, row: LiveRow, name: string, workspace: string, format: ExportFormat): Prop[] {
  const scope = scopeField(def);
  const inputs = inputNames(def, methodFor(def, 'insert')).filter((n) => n !== def.serverParam);
  const isObject = (n: string) => fieldAt(def, n)?.type === 'object';
  const rest = inputs.filter((n) => n !== scope);
  const ordered = [...(scope !== undefined && inputs.includes(scope) ? [scope] : []), ...rest.filter((n) => !isObject(n)), ...rest.filter(isObject)];
  const props: Prop[] = [{ name: def.serverParam, lines: [yamlScalar(workspace)] }];
  for (const input of ordered) {
    const field = fieldAt(def, input);
    const value = row.values[input];
    if (field === undefined || field.readOnly || value === undefined || value === null) continue;
    props.push({ name: input, lines: field.type === 'object' ? objectLines(field, value, name) : valueLines(value, format) });
  }
  return props;
}

/** A scalar as one line; a list inline (hookql) or as a block list (StackQL's documented style). */
function valueLines(value: unknown, format: ExportFormat): string[] {
  if (!Array.isArray(value)) return [yamlScalar(value)];
  if (format === 'hookql') return [`[${value.map(yamlScalar).join(', ')}]`];
  return value.map((v) => `- ${yamlScalar(v)}`);
}

/** An object's readable properties from the live row; its write-only ones as placeholders. */
function objectLines(field: FieldDef, value: unknown, entry: string): string[] {
  const have = (value ?? {}) as Record<string, unknown>;
  const lines: string[] = [];
  const placeholder = (p: FieldDef) => `${p.name}: "{{ env.${envName(entry, p.name)} }}"`;
  for (const p of field.properties) {
    if (!p.writeOnly && have[p.name] !== undefined && have[p.name] !== null) lines.push(`${p.name}: ${yamlScalar(have[p.name])}`);
  }
  const required = field.properties.filter((p) => p.writeOnly && p.required);
  const optional = field.properties.filter((p) => p.writeOnly && !p.required);
  if (required.length > 0) lines.push('# write-only: cannot be read back from the API; set the variable', ...required.map(placeholder));
  if (optional.length > 0) lines.push('# write-only, cannot be read back: uncomment what the live one has', ...optional.map((p) => `# ${placeholder(p)}`));
  // Properties the definition does not know (a newer API): kept as they came.
  for (const [k, v] of Object.entries(have)) if (!field.properties.some((p) => p.name === k) && v !== null) lines.push(`${k}: ${yamlScalar(v)}`);
  return lines;
}

function hookqlBody(def: ResourceDefinition, vars: ReadonlyMap<string, string>, names: readonly string[], entries: readonly Prop[][]): string {
  const out = ['version: 1', 'vars:', ...[...vars].map(([ws, name]) => `  ${name}: ${yamlScalar(ws)}`), `${def.noun.plural}:${entries.length === 0 ? ' []' : ''}`];
  entries.forEach((props, i) => {
    out.push(`  - name: ${yamlScalar(names[i])}`, '    props:');
    for (const p of props) {
      if (p.lines.length === 1 && !p.lines[0].startsWith('#')) out.push(`      - { name: ${p.name}, value: ${p.lines[0]} }`);
      else out.push(`      - name: ${p.name}`, '        value:', ...p.lines.map((l) => `          ${l}`));
    }
  });
  return out.join('\n') + '\n';
}

function stackqlBody(names: readonly string[], entries: readonly Prop[][]): string {
  if (entries.length === 0) return '[]\n';
  const out: string[] = [];
  entries.forEach((props, i) => {
    out.push(`- name: ${yamlScalar(names[i])}`, '  props:');
    for (const p of props) {
      out.push(`    - name: ${p.name}`);
      if (p.lines.length === 1 && !p.lines[0].startsWith('#') && !p.lines[0].startsWith('- ')) out.push(`      value: ${p.lines[0]}`);
      else out.push('      value:', ...p.lines.map((l) => `        ${l}`));
    }
  });
  return out.join('\n') + '\n';
}

function header(def: ResourceDefinition, options: ExportOptions, vars: ReadonlyMap<string, string>, count: number): string {
  const where = options.workspaces.length === 1 ? `workspace ${options.workspaces[0]}` : `workspaces ${options.workspaces.join(', ')}`;
  const scoped = options.scopes.length > 0 ? ` (${scopeField(def) ?? 'scope'}: ${options.scopes.join(', ')})` : '';
  const lines = [
    `Exported by hookql export from ${where}${scoped}: ${count} ${count === 1 ? def.noun.singular : def.noun.plural}.`,
    'Write-only values are never returned by the API, so they are not here: a required one is a',
    '{{ env.NAME }} placeholder (set the variable before plan/apply), an optional one a commented-out',
    'line (uncomment it if the live value exists, or a change to that object would drop it).',
  ];
  if (options.format === 'stackql') {
    lines.push(`StackQL's manifest format takes its vars on the command line: ${[...vars].map(([ws, name]) => `--var ${name}=${ws}`).join(' ')}`);
  } else {
    lines.push('hookql plan <this file> should report no changes.');
  }
  return lines.map((l) => `# ${l}`).join('\n') + '\n';
}

/** Live rows with the same natural key: a manifest cannot tell them apart, so plan will refuse. */
function duplicates(def: ResourceDefinition, rows: readonly LiveRow[]): string[] {
  const byKey = new Map<string, LiveRow[]>();
  for (const r of rows) {
    const k = keyText(def, def.naturalKey, r.workspace, r.values);
    byKey.set(k, [...(byKey.get(k) ?? []), r]);
  }
  return [...byKey.values()]
    .filter((group) => group.length > 1)
    .map((group) => `${group.length} live ${def.noun.plural} in ${group[0].workspace} have the same key (${describeKey(def, def.naturalKey, group[0].values)}): ${group.map((r) => r.id).join(', ')} — plan reports a conflict until the extra ones are deleted`);
}
