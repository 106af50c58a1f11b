// The plan of changes apply computes: plain, immutable data tagged with `kind`. `hookql plan` prints
// it, `-o json` emits it (redacted), `apply` turns it into SQL statements. Desired values still hold
// secrets here; printing goes through redact-plan.ts.

export type FieldDiff =
  /** A scalar (or whole nested value) that differs; `from` undefined = absent live. */
  | { readonly kind: 'changed'; readonly path: string; readonly from: unknown; readonly to: unknown }
  /** A list compared as a set: `events: +COMMENT_CREATED -MODEL_VERSION_CREATED`. */
  | { readonly kind: 'set'; readonly path: string; readonly added: readonly unknown[]; readonly removed: readonly unknown[] }
  /** A write-only value: the API never returns it, so it cannot be compared. `resend`: sent anyway. */
  | { readonly kind: 'write-only'; readonly path: string; readonly resend: boolean };

export interface LiveRow {
  readonly id: string;
  readonly workspace: string;
  /** The row as the list returned it (JSON columns parsed); absent fields are missing or null. */
  readonly values: Readonly<Record<string, unknown>>;
}

interface EntryRef {
  readonly entry: string;
  /** `file:line:col` of the entry. */
  readonly at: string;
  readonly workspace: string;
}

export interface CreateChange extends EntryRef {
  readonly kind: 'create';
  readonly values: Readonly<Record<string, unknown>>;
  /**
   * The live row this entry used to match before its key changed. `pruned`: --prune deletes it
   * (shown as one `-/+ replace`); otherwise it stays live, and the plan warns about it.
   */
  readonly replaces?: ReplacedRow;
}

export interface ReplacedRow {
  readonly id: string;
  readonly label: string;
  /** How the key differs (`job_spec.job_id: 1001 → 1002`). */
  readonly keyDiffs: readonly FieldDiff[];
  readonly pruned: boolean;
  /** The statement that removes it by hand. */
  readonly deleteSql: string;
}

export interface UpdateChange extends EntryRef {
  readonly kind: 'update';
  readonly id: string;
  readonly diffs: readonly FieldDiff[];
  /** Top-level inputs to send (only changed ones; a changed object is sent whole). */
  readonly set: Readonly<Record<string, unknown>>;
}

export interface UnchangedChange extends EntryRef {
  readonly kind: 'unchanged';
  readonly id: string;
  /** Write-only values the entry gives, which could not be compared. */
  readonly diffs: readonly FieldDiff[];
}

export interface DeleteChange {
  readonly kind: 'delete';
  readonly workspace: string;
  readonly id: string;
  /** The live row's key, for people: `model_name=churn, http_url_spec.url=https://…`. */
  readonly label: string;
  readonly values: Readonly<Record<string, unknown>>;
  /** The entry whose create replaces this row (rendered with it as `-/+ replace`). */
  readonly replacedBy?: string;
}

/** An entry that cannot be planned without guessing (two live rows with its key, …). */
export interface ConflictChange extends EntryRef {
  readonly kind: 'conflict';
  readonly ids: readonly string[];
  readonly reason: string;
}

export type Change = CreateChange | UpdateChange | UnchangedChange | DeleteChange | ConflictChange;

export type PruneMode = 'off' | 'workspaces' | 'models';

export interface ApplyPlan {
  readonly kind: 'apply-plan';
  readonly file: string;
  readonly resource: string;
  readonly noun: { readonly singular: string; readonly plural: string };
  readonly workspaces: readonly string[];
  readonly prune: PruneMode;
  readonly rotateSecrets: boolean;
  readonly changes: readonly Change[];
}

export type ChangeKind = Change['kind'];

/** Creates that replace a row --prune deletes. */
export function countReplacements(plan: ApplyPlan): number {
  return plan.changes.filter((c) => c.kind === 'create' && c.replaces?.pruned === true).length;
}

export function countByKind(plan: ApplyPlan): Record<ChangeKind, number> {
  const counts: Record<ChangeKind, number> = { create: 0, update: 0, delete: 0, unchanged: 0, conflict: 0 };
  for (const c of plan.changes) counts[c.kind] += 1;
  return counts;
}

/** Whether applying would change anything (conflicts block, they are not changes). */
export function hasPendingChanges(plan: ApplyPlan): boolean {
  return plan.changes.some((c) => c.kind === 'create' || c.kind === 'update' || c.kind === 'delete');
}
