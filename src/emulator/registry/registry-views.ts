// What the registry endpoints return (api/model-registry.md §2), built field by field from the stored
// rows. Empty fields are omitted, as every SDK type is omitempty; `version` is a string.

import type { StoredActivity, StoredModel, StoredVersion } from './registry-types.js';

type View = Record<string, unknown>;

/** Copies the named optional fields that are set: empty ones are omitted (omitempty). */
function copySet<T extends object>(view: View, row: T, keys: readonly (keyof T & string)[]): View {
  for (const key of keys) if (row[key]) view[key] = row[key];
  return view;
}

export function modelView(model: StoredModel, versions: readonly StoredVersion[]): View {
  const view: View = {
    name: model.name,
    creation_timestamp: model.creation_timestamp,
    last_updated_timestamp: model.last_updated_timestamp,
    user_id: model.user_id,
  };
  copySet(view, model, ['description']);
  const latest = latestVersions(versions);
  if (latest.length > 0) view.latest_versions = latest.map(versionView);
  if (model.tags.length > 0) view.tags = model.tags.map((t) => ({ key: t.key, value: t.value }));
  return view;
}

/** ModelDatabricks: Model plus the workspace object id and the caller's permission level. */
export function modelDatabricksView(model: StoredModel, versions: readonly StoredVersion[], permissionLevel: string): View {
  return { ...modelView(model, versions), id: String(model.seq), permission_level: permissionLevel };
}

/** For each stage, the newest READY version (every emulator version is READY), stages in a fixed order. */
export function latestVersions(versions: readonly StoredVersion[], stages?: readonly string[]): StoredVersion[] {
  const byStage = new Map<string, StoredVersion>();
  for (const v of versions) {
    const best = byStage.get(v.current_stage);
    if (!best || v.version > best.version) byStage.set(v.current_stage, v);
  }
  const order = stages ?? ['None', 'Staging', 'Production', 'Archived'];
  return order.flatMap((stage) => byStage.get(stage) ?? []);
}

export function versionView(version: StoredVersion): View {
  const view: View = {
    name: version.model_name,
    version: String(version.version),
    creation_timestamp: version.creation_timestamp,
    last_updated_timestamp: version.last_updated_timestamp,
    user_id: version.user_id,
    current_stage: version.current_stage,
    source: version.source,
    status: version.status,
  };
  copySet(view, version, ['description', 'run_id', 'run_link']);
  if (version.tags.length > 0) view.tags = version.tags.map((t) => ({ key: t.key, value: t.value }));
  return view;
}

/** ModelVersionDatabricks, from transition-stage: the version plus its open requests. */
export function versionDatabricksView(version: StoredVersion, openRequests: readonly StoredActivity[], permissionLevel: string): View {
  const view: View = { ...versionView(version), permission_level: permissionLevel };
  if (openRequests.length > 0) view.open_requests = openRequests.map(activityView);
  return view;
}

export function activityView(activity: StoredActivity): View {
  const view: View = {
    id: activity.id,
    activity_type: activity.activity_type,
    user_id: activity.user_id,
    creation_timestamp: activity.creation_timestamp,
    last_updated_timestamp: activity.last_updated_timestamp,
  };
  return copySet(view, activity, ['from_stage', 'to_stage', 'comment', 'system_comment']);
}

/** TransitionRequest, from transition-requests/create: no id, no from_stage (model.go:5997). */
export function transitionRequestView(activity: StoredActivity): View {
  const view: View = {
    to_stage: activity.to_stage,
    user_id: activity.user_id,
    creation_timestamp: activity.creation_timestamp,
    available_actions: ['APPROVE_TRANSITION_REQUEST', 'REJECT_TRANSITION_REQUEST', 'CANCEL_TRANSITION_REQUEST'],
  };
  return copySet(view, activity, ['comment']);
}

export function commentView(activity: StoredActivity): View {
  return {
    id: activity.id,
    comment: activity.comment,
    user_id: activity.user_id,
    creation_timestamp: activity.creation_timestamp,
    last_updated_timestamp: activity.last_updated_timestamp,
    // Only the author's own rights, as the emulator knows no others (UNVERIFIED).
    available_actions: ['EDIT_COMMENT', 'DELETE_COMMENT'],
  };
}
