// Comments on model versions (api/model-registry.md §5): create, update, delete. A comment is a
// NEW_COMMENT activity, so its id shares the activity id space.

import { ApiError, invalidParameter } from '../wire/api-error.js';
import type { EmulatorContext, RouteTable } from '../emulator-context.js';
import { commentCreated } from '../events/registry-event.js';
import type { Handler } from '../types.js';
import { bodyOf, MLFLOW, ok } from './registry-http.js';
import { requiredText, userIdOf } from './registry-input.js';
import type { StoredActivity } from './registry-types.js';
import { commentView } from './registry-views.js';
import { versionFromBody } from './version-routes.js';

const COMMENTS = `${MLFLOW}/comments`;

export function commentRoutes(ctx: EmulatorContext): RouteTable {
  return {
    [`${COMMENTS}/create`]: { POST: createHandler(ctx) },
    [`${COMMENTS}/update`]: { PATCH: updateHandler(ctx) },
    [`${COMMENTS}/delete`]: { DELETE: deleteHandler(ctx) },
  };
}

function createHandler(ctx: EmulatorContext): Handler {
  return (req) => {
    const body = bodyOf(req, ['name', 'version', 'comment']);
    const version = versionFromBody(ctx, body);
    const text = requiredText(body, 'comment');
    const comment = ctx.registry.activities.insert({
      model_name: version.model_name, version: version.version, activity_type: 'NEW_COMMENT', comment: text, user_id: userIdOf(req.principal),
    });
    ctx.events.emit(commentCreated(version.model_name, String(version.version), text));
    return ok({ comment: commentView(comment) });
  };
}

function updateHandler(ctx: EmulatorContext): Handler {
  return (req) => {
    const body = bodyOf(req, ['id', 'comment']);
    const comment = existingComment(ctx, body.id);
    return ok({ comment: commentView(ctx.registry.activities.updateComment(comment.id, requiredText(body, 'comment'))) });
  };
}

function deleteHandler(ctx: EmulatorContext): Handler {
  return (req) => {
    const comment = existingComment(ctx, req.query.get('id'));
    ctx.registry.activities.delete(comment.id);
    return ok({});
  };
}

function existingComment(ctx: EmulatorContext, id: unknown): StoredActivity {
  if (typeof id !== 'string' || id === '') throw invalidParameter('Missing required field: id');
  const found = ctx.registry.activities.get(id);
  if (!found || found.activity_type !== 'NEW_COMMENT') throw new ApiError(404, 'RESOURCE_DOES_NOT_EXIST', `Comment '${id.slice(0, 100)}' does not exist.`);
  return found;
}
