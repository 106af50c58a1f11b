// Moving a version to a stage, shared by transition-stage and by approving a request. With
// archive_existing_versions, the other versions in the target stage move to Archived, each as a
// SYSTEM_TRANSITION activity. Every move fires its own transition events (whether the archived
// versions' moves are delivered is UNVERIFIED; a sender that reports every stage change is the
// useful choice for receivers).

import type { EmulatorContext } from '../emulator-context.js';
import { versionTransitioned } from '../events/registry-event.js';
import type { Stage, StoredVersion } from './registry-types.js';

export interface TransitionRequest {
  readonly version: StoredVersion;
  readonly to: Stage;
  readonly archiveExisting: boolean;
  readonly userId: string;
  /** Recorded on an APPLIED_TRANSITION activity; null when the caller records its own (approve). */
  readonly appliedComment: string | undefined | null;
}

export function applyTransition(ctx: EmulatorContext, request: TransitionRequest): StoredVersion {
  const { version, to } = request;
  const name = version.model_name;
  const from = version.current_stage;
  if (request.appliedComment !== null) {
    ctx.registry.activities.insert({
      model_name: name, version: version.version, activity_type: 'APPLIED_TRANSITION', from_stage: from, to_stage: to,
      comment: request.appliedComment, user_id: request.userId,
    });
  }
  ctx.registry.versions.setStage(name, version.version, to);
  ctx.events.emit(versionTransitioned(name, String(version.version), from, to));
  // OSS MLflow archives only for Staging/Production targets; Databricks' rule is UNVERIFIED, the same is assumed.
  if (request.archiveExisting && (to === 'Staging' || to === 'Production')) {
    for (const other of ctx.registry.versions.ofModel(name)) {
      if (other.version === version.version || other.current_stage !== to) continue;
      ctx.registry.activities.insert({
        model_name: name, version: other.version, activity_type: 'SYSTEM_TRANSITION', from_stage: to, to_stage: 'Archived',
        system_comment: `Archived because version ${version.version} was transitioned to ${to}.`, user_id: request.userId,
      });
      ctx.registry.versions.setStage(name, other.version, 'Archived');
      ctx.events.emit(versionTransitioned(name, String(other.version), to, 'Archived'));
    }
  }
  ctx.registry.models.touch(name);
  return ctx.registry.version(name, version.version);
}
