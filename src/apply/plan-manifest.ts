// The step shared by `hookql plan` and `hookql apply` after the manifest is loaded and validated
// (load-manifest.ts, all of it before anything is sent): read the live state of its workspaces and
// compute the plan.

import type { ResourceDefinition } from '../definition/types.js';
import { computePlan, type PlanOptions } from './compute-plan.js';
import type { LoadedManifest } from './load-manifest.js';
import type { Manifest } from './manifest-types.js';
import type { ApplyPlan } from './plan-types.js';
import { readLiveState } from './read-live-state.js';
import type { RowLister } from './statement-runner.js';

export interface PlannedManifest {
  readonly def: ResourceDefinition;
  readonly manifest: Manifest;
  readonly plan: ApplyPlan;
}

export async function planManifest(loaded: LoadedManifest, runner: RowLister, options: PlanOptions, signal?: AbortSignal): Promise<PlannedManifest> {
  const { def, manifest } = loaded;
  const live = await readLiveState(runner, def, workspacesOf(manifest), signal);
  return { def, manifest, plan: computePlan(def, manifest, live, options) };
}

/** The workspaces a manifest names, in order of first appearance. */
export function workspacesOf(manifest: Manifest): string[] {
  return [...new Set(manifest.entries.map((e) => e.workspace))];
}
