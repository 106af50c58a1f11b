// The plan as text, Terraform-style: one block per change with a field-level diff for updates.
// Takes an already-redacted plan (redact-plan.ts), so nothing here can print a secret.

import { REDACTED } from '../util/redact.js';
import { terminalSafe } from '../util/terminal-text.js';
import { countByKind, type ApplyPlan, type Change, type FieldDiff } from './plan-types.js';
import { WRITE_ONLY_NOTE } from './redact-plan.js';

const MARK: Record<Change['kind'], string> = { create: '+', update: '~', delete: '-', unchanged: '=', conflict: '!' };

export function renderPlan(plan: ApplyPlan): string {
  const where = plan.workspaces.length === 1 ? `workspace ${plan.workspaces[0]}` : `${plan.workspaces.length} workspaces (${plan.workspaces.join(', ')})`;
  const lines = [`Plan for ${plan.file}: ${plan.resource} in ${where}${pruneNote(plan)}`, ''];
  for (const change of plan.changes) lines.push(...renderChange(change));
  lines.push('', summaryLine(plan));
  // Descriptions and URLs come from the manifest and from the server: no control character gets through.
  return terminalSafe(lines.join('\n') + '\n');
}

export function summaryLine(plan: ApplyPlan): string {
  const n = countByKind(plan);
  const conflicts = n.conflict > 0 ? `, ${n.conflict} in conflict (cannot be planned)` : '';
  if (n.create + n.update + n.delete + n.conflict === 0) return `No changes: ${n.unchanged} ${noun(plan, n.unchanged)} unchanged${conflicts}.`;
  return `Plan: ${n.create} to create, ${n.update} to update, ${n.delete} to delete, ${n.unchanged} unchanged${conflicts}.`;
}

function pruneNote(plan: ApplyPlan): string {
  if (plan.prune === 'off') return '';
  return plan.prune === 'models' ? ' (prune: models the manifest names)' : ' (prune: whole workspaces)';
}

function renderChange(c: Change): string[] {
  const head = `  ${MARK[c.kind]} ${c.kind.padEnd(9)}`;
  switch (c.kind) {
    case 'create':
      return [`${head} ${c.entry}  (${c.workspace})`, ...flatten(c.values, '').map(([p, v]) => `      ${p}: ${v}`)];
    case 'update':
      return [`${head} ${c.entry}  (${c.workspace}, id ${c.id})`, ...c.diffs.map((d) => `      ${diffText(d)}`)];
    case 'unchanged': {
      const notes = c.diffs.map((d) => `${d.path}: ${REDACTED} (${WRITE_ONLY_NOTE})`);
      return [`${head} ${c.entry}  (${c.workspace}, id ${c.id})${notes.length > 0 ? `  ${notes.join('; ')}` : ''}`];
    }
    case 'delete':
      return [`${head} ${c.id}  (${c.workspace})  ${c.label} — no entry matches it`];
    case 'conflict':
      return [`${head} ${c.entry}  (${c.workspace})`, `      ${c.reason}`];
  }
}

function diffText(d: FieldDiff): string {
  switch (d.kind) {
    case 'changed':
      return `${d.path}: ${show(d.from)} → ${show(d.to)}`;
    case 'set':
      return `${d.path}: ${[...d.added.map((v) => `+${show(v)}`), ...d.removed.map((v) => `-${show(v)}`)].join(' ')}`;
    case 'write-only':
      return `${d.path}: ${REDACTED} (${WRITE_ONLY_NOTE}${d.resend ? '; sent again' : ''})`;
  }
}

/** Nested values as `a.b: value` lines; lists joined with commas. */
function flatten(value: unknown, prefix: string): [string, string][] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([k, v]) => flatten(v, prefix === '' ? k : `${prefix}.${k}`));
  }
  return [[prefix, Array.isArray(value) ? value.map(show).join(', ') : show(value)]];
}

function show(v: unknown): string {
  if (v === undefined || v === null) return '(absent)';
  if (typeof v === 'string') return /^[\w.:/@+*-]+$/.test(v) ? v : JSON.stringify(v);
  return JSON.stringify(v);
}

function noun(plan: ApplyPlan, n: number): string {
  return n === 1 ? plan.noun.singular : plan.noun.plural;
}
