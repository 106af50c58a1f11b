// The plan as text, Terraform-style: one block per change with a field-level diff for updates.
// Takes an already-redacted plan (redact-plan.ts), so nothing here can print a secret.
// Unchanged entries are one summary line unless `verbose` (a fleet of 200 should show what changes).

import { REDACTED } from '../util/redact.js';
import { terminalSafe } from '../util/terminal-text.js';
import { countByKind, countReplacements, type ApplyPlan, type Change, type FieldDiff } from './plan-types.js';
import { WRITE_ONLY_NOTE } from './redact-plan.js';

const MARK: Record<Change['kind'], string> = { create: '+', update: '~', delete: '-', unchanged: '=', conflict: '!' };

export interface RenderOptions {
  /** List every unchanged entry instead of counting them. */
  readonly verbose?: boolean;
}

export function renderPlan(plan: ApplyPlan, options: RenderOptions = {}): string {
  const where = plan.workspaces.length === 1 ? `workspace ${plan.workspaces[0]}` : `${plan.workspaces.length} workspaces (${plan.workspaces.join(', ')})`;
  const lines = [`Plan for ${plan.file}: ${plan.resource} in ${where}${pruneNote(plan)}`, ''];
  const unchanged = plan.changes.filter((c) => c.kind === 'unchanged');
  for (const change of plan.changes) {
    if (change.kind === 'unchanged' && !options.verbose) continue;
    // A row a replacement deletes is shown with the create that replaces it.
    if (change.kind === 'delete' && change.replacedBy !== undefined) continue;
    lines.push(...renderChange(plan, change));
  }
  if (!options.verbose && unchanged.length > 0) lines.push(unchangedLine(plan, unchanged));
  lines.push('', summaryLine(plan));
  // Descriptions and URLs come from the manifest and from the server: no control character gets through.
  return terminalSafe(lines.join('\n') + '\n');
}

/** `  = 200 unchanged (3 with write-only values that cannot be compared; --verbose lists them)` */
function unchangedLine(plan: ApplyPlan, unchanged: readonly Change[]): string {
  const withSecrets = unchanged.filter((c) => c.kind === 'unchanged' && c.diffs.length > 0).length;
  const notes = [withSecrets > 0 ? `${withSecrets} with write-only values that cannot be compared` : null, '--verbose lists them'].filter(Boolean);
  return `  = ${unchanged.length} ${noun(plan, unchanged.length)} unchanged (${notes.join('; ')})`;
}

export function summaryLine(plan: ApplyPlan): string {
  const n = countByKind(plan);
  const conflicts = n.conflict > 0 ? `, ${n.conflict} in conflict (cannot be planned)` : '';
  if (n.create + n.update + n.delete + n.conflict === 0) return `No changes: ${n.unchanged} ${noun(plan, n.unchanged)} unchanged${conflicts}.`;
  const replaced = countReplacements(plan);
  const replacements = replaced > 0 ? `; ${replaced} of the creates replace${replaced === 1 ? 's' : ''} a live ${plan.noun.singular} (-/+)` : '';
  return `Plan: ${n.create} to create, ${n.update} to update, ${n.delete} to delete, ${n.unchanged} unchanged${conflicts}${replacements}.`;
}

function pruneNote(plan: ApplyPlan): string {
  if (plan.prune === 'off') return '';
  return plan.prune === 'models' ? ' (prune: models the manifest names)' : ' (prune: whole workspaces)';
}

function renderChange(plan: ApplyPlan, c: Change): string[] {
  const head = `  ${MARK[c.kind]} ${c.kind.padEnd(9)}`;
  switch (c.kind) {
    case 'create': {
      const values: string[] = [];
      valueLines(c.values, '', values);
      const r = c.replaces;
      if (r === undefined) return [`${head} ${c.entry}  (${c.workspace})`, ...values];
      const changedKey = r.keyDiffs.map((d) => `      ${diffText(d)}  (match key: needs a new ${plan.noun.singular})`);
      if (r.pruned) return [`  -/+ replace   ${c.entry}  (${c.workspace}, replaces id ${r.id}: created first, then the old one deleted)`, ...changedKey, ...values];
      return [
        `${head} ${c.entry}  (${c.workspace})`,
        ...values,
        `      ! warning: live ${plan.noun.singular} ${r.id} (${r.label}) looks like the one this entry matched before its key changed`,
        `        (${r.keyDiffs.map(diffText).join('; ')}); it stays and keeps firing. Remove it with --prune,`,
        `        or: ${r.deleteSql}`,
      ];
    }
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

/** Nested values as `      a.b: value` lines, appended to `into`; lists joined with commas. */
function valueLines(value: unknown, prefix: string, into: string[]): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    // A plan of 1,000 creates prints ~7,000 of these lines: no intermediate pairs.
    const record = value as Record<string, unknown>;
    for (const k of Object.keys(record)) valueLines(record[k], prefix === '' ? k : `${prefix}.${k}`, into);
    return;
  }
  into.push(`      ${prefix}: ${Array.isArray(value) ? value.map(show).join(', ') : show(value)}`);
}

function show(v: unknown): string {
  if (v === undefined || v === null) return '(absent)';
  if (typeof v === 'string') return /^[\w.:/@+*-]+$/.test(v) ? v : JSON.stringify(v);
  return JSON.stringify(v);
}

function noun(plan: ApplyPlan, n: number): string {
  return n === 1 ? plan.noun.singular : plan.noun.plural;
}
