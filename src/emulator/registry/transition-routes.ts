// Transition requests (api/model-registry.md §5): create, list the open ones of a version, approve,
// reject, cancel. A request is identified by version + stage (+ creator for cancel); with several
// open requests for one stage, the oldest is approved or rejected (UNVERIFIED).

import { ApiError } from '../wire/api-error.js';
import type { EmulatorContext, RouteTable } from '../emulator-context.js';
import { transitionRequested } from '../events/registry-event.js';
import type { Handler } from '../types.js';
import { applyTransition } from './apply-transition.js';
import { bodyOf, MLFLOW, ok } from './registry-http.js';
import { modelName, optionalBoolean, optionalText, stage, userIdOf } from './registry-input.js';
import type { StoredActivity, StoredVersion } from './registry-types.js';
import { activityView, transitionRequestView } from './registry-views.js';
import { versionFromBody, versionFromQuery } from './version-routes.js';

const TR = `${MLFLOW}/transition-requests`;

export function transitionRoutes(ctx: EmulatorContext): RouteTable {
  return {
    [`${TR}/create`]: { POST: createHandler(ctx) },
    [`${TR}/list`]: { GET: listHandler(ctx) },
    [`${TR}/approve`]: { POST: approveHandler(ctx) },
    [`${TR}/reject`]: { POST: rejectHandler(ctx) },
    [`${TR}/delete`]: { DELETE: cancelHandler(ctx) },
  };
}

function createHandler(ctx: EmulatorContext): Handler {
  return (req) => {
    const body = bodyOf(req, ['name', 'version', 'stage', 'comment']);
    const version = versionFromBody(ctx, body);
    const to = stage(body.stage);
    const userId = userIdOf(req.principal);
    const request = ctx.registry.activities.insert({
      model_name: version.model_name, version: version.version, activity_type: 'REQUESTED_TRANSITION',
      from_stage: version.current_stage, to_stage: to, comment: optionalText(body, 'comment'), user_id: userId, open: true,
    });
    ctx.events.emit(transitionRequested(version.model_name, String(version.version), version.current_stage, to, userId));
    return ok({ request: transitionRequestView(request) });
  };
}

/** Only open requests, unpaginated, under `requests` (omitted when there are none). */
function listHandler(ctx: EmulatorContext): Handler {
  return (req) => {
    const version = versionFromQuery(ctx, req);
    const open = ctx.registry.activities.openRequests(version.model_name, version.version);
    return ok(open.length > 0 ? { requests: open.map(activityView) } : {});
  };
}

function approveHandler(ctx: EmulatorContext): Handler {
  return (req) => {
    const body = bodyOf(req, ['name', 'version', 'stage', 'archive_existing_versions', 'comment']);
    const version = versionFromBody(ctx, body);
    const to = stage(body.stage);
    const request = openRequest(ctx, version, to);
    const closed = ctx.registry.activities.close(request.id, 'APPROVED_REQUEST', optionalText(body, 'comment'));
    applyTransition(ctx, {
      version, to, archiveExisting: optionalBoolean(body, 'archive_existing_versions'), userId: userIdOf(req.principal), appliedComment: null,
    });
    return ok({ activity: activityView(closed) });
  };
}

function rejectHandler(ctx: EmulatorContext): Handler {
  return (req) => {
    const body = bodyOf(req, ['name', 'version', 'stage', 'comment']);
    const version = versionFromBody(ctx, body);
    const request = openRequest(ctx, version, stage(body.stage));
    return ok({ activity: activityView(ctx.registry.activities.close(request.id, 'REJECTED_REQUEST', optionalText(body, 'comment'))) });
  };
}

/** Cancel takes everything in the query, `creator` included: only that user's request is cancelled. */
function cancelHandler(ctx: EmulatorContext): Handler {
  return (req) => {
    const version = versionFromQuery(ctx, req);
    const to = stage(req.query.get('stage'));
    const creator = modelName(req.query.get('creator'), 'creator');
    const request = openRequest(ctx, version, to, creator);
    const comment = req.query.get('comment') || undefined;
    return ok({ activity: activityView(ctx.registry.activities.close(request.id, 'CANCELLED_REQUEST', comment)) });
  };
}

function openRequest(ctx: EmulatorContext, version: StoredVersion, to: string, creator?: string): StoredActivity {
  const found = ctx.registry.activities
    .openRequests(version.model_name, version.version)
    .find((a) => a.to_stage === to && (creator === undefined || a.user_id === creator));
  if (!found) {
    const by = creator === undefined ? '' : ` by ${creator}`;
    throw new ApiError(404, 'RESOURCE_DOES_NOT_EXIST', `No open transition request to ${to}${by} for model '${version.model_name}' version ${version.version}.`);
  }
  return found;
}
