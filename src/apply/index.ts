// The apply stage: manifest → validated desired state → plan of changes → SQL statements run
// through the engine. Only src/cli/ prints; everything here returns data or throws typed errors.

export type * from './manifest-types.js';
export type * from './plan-types.js';
export { countByKind, hasPendingChanges } from './plan-types.js';
export { loadManifest, type LoadedManifest } from './load-manifest.js';
export { computePlan, type PlanOptions } from './compute-plan.js';
export { planManifest, workspacesOf, type PlannedManifest } from './plan-manifest.js';
export { readLiveState } from './read-live-state.js';
export { statementFor, isApplicable, type ChangeStatement, type ApplicableChange } from './change-statements.js';
export { runChanges, type ChangeOutcome, type RunChangesOptions } from './run-changes.js';
export { convergeCreates } from './converge-creates.js';
export { summarize, renderSummary, outcomeLine, type ApplySummary, type ApplyFailure } from './apply-report.js';
export { displayedPlan, redactedPlan, planDocument } from './redact-plan.js';
export { renderPlan, summaryLine } from './render-plan.js';
export type { RowLister, StatementRunner } from './statement-runner.js';
export { exportManifest, type ExportFormat, type ExportOptions, type ExportedManifest } from './export-manifest.js';
