// Model versions (api/model-registry.md §1, §4): create, get, search, update, delete, tags, the two
// transition-stage routes and the download URI.

import { invalidParameter } from '../wire/api-error.js';
import type { EmulatorContext, RouteTable } from '../emulator-context.js';
import { versionCreated, versionTagSet } from '../events/registry-event.js';
import type { Handler, RequestContext } from '../types.js';
import { optionalString } from '../webhooks/validate-fields.js';
import { applyTransition } from './apply-transition.js';
import { permissionLevel } from './model-permission.js';
import { withTag } from './model-store.js';
import { bodyOf, MLFLOW, ok } from './registry-http.js';
import { modelName, optionalBoolean, optionalText, requiredText, stage, tag, tagList, tagNotFound, userIdOf, versionNumber } from './registry-input.js';
import { decodeRegistryToken, pageBody, registryPageSize } from './registry-page.js';
import type { StoredVersion } from './registry-types.js';
import { versionDatabricksView, versionView } from './registry-views.js';
import { parseFilter } from './search-filter.js';

const MV = `${MLFLOW}/model-versions`;

export function versionRoutes(ctx: EmulatorContext): RouteTable {
  return {
    [`${MV}/create`]: { POST: createHandler(ctx) },
    [`${MV}/get`]: { GET: getHandler(ctx) },
    [`${MV}/search`]: { GET: searchHandler(ctx) },
    [`${MV}/update`]: { PATCH: updateHandler(ctx) },
    [`${MV}/delete`]: { DELETE: deleteHandler(ctx) },
    [`${MV}/set-tag`]: { POST: setTagHandler(ctx) },
    [`${MV}/delete-tag`]: { DELETE: deleteTagHandler(ctx) },
    [`${MV}/get-download-uri`]: { GET: downloadUriHandler(ctx) },
    [`${MLFLOW}/databricks/model-versions/transition-stage`]: { POST: transitionHandler(ctx, 'model_version_databricks') },
    // The OSS route mlflow clients call (UNVERIFIED on Databricks, served anyway): {"model_version": …}.
    [`${MV}/transition-stage`]: { POST: transitionHandler(ctx, 'model_version') },
  };
}

function createHandler(ctx: EmulatorContext): Handler {
  return (req) => {
    const body = bodyOf(req, ['name', 'source', 'run_id', 'run_link', 'description', 'tags']);
    const model = ctx.registry.model(modelName(body.name as string | undefined));
    const source = requiredText(body, 'source');
    const fields = {
      model_name: model.name, source, description: optionalText(body, 'description'),
      run_id: optionalString(body, 'run_id'), run_link: optionalString(body, 'run_link'), tags: tagList(body.tags),
    };
    const version = ctx.registry.versions.insert(ctx.registry.models.allocateVersion(model.name), userIdOf(req.principal), fields);
    // Fired at creation: emulator versions are READY at once (whether the real one waits for READY is UNVERIFIED).
    ctx.events.emit(versionCreated(model.name, String(version.version)));
    return ok({ model_version: versionView(version) });
  };
}

function getHandler(ctx: EmulatorContext): Handler {
  return (req) => ok({ model_version: versionView(versionFromQuery(ctx, req)) });
}

/** filter `name='…'` or `run_id='…'`; max_results default and maximum 10000 (APIDOC); paginated like the SDKs expect. */
function searchHandler(ctx: EmulatorContext): Handler {
  return (req) => {
    const filter = parseFilter(req.query.get('filter'), { name: ['='], run_id: ['='] });
    const queryKey = JSON.stringify(filter ?? null);
    const offset = decodeRegistryToken(req.query.get('page_token'), queryKey);
    const limit = registryPageSize(req.query.get('max_results'), 10_000, 10_000);
    const page = ctx.registry.versions.page(filter, offset, limit);
    return ok(pageBody('model_versions', page.rows.map(versionView), page.more, offset, queryKey));
  };
}

function updateHandler(ctx: EmulatorContext): Handler {
  return (req) => {
    const body = bodyOf(req, ['name', 'version', 'description']);
    const version = versionFromBody(ctx, body);
    ctx.registry.versions.setDescription(version.model_name, version.version, optionalText(body, 'description'));
    return ok({ model_version: versionView(ctx.registry.version(version.model_name, version.version)) });
  };
}

function deleteHandler(ctx: EmulatorContext): Handler {
  return (req) => {
    const version = versionFromQuery(ctx, req);
    ctx.registry.versions.delete(version.model_name, version.version);
    return ok({});
  };
}

function setTagHandler(ctx: EmulatorContext): Handler {
  return (req) => {
    const body = bodyOf(req, ['name', 'version', 'key', 'value']);
    const version = versionFromBody(ctx, body);
    const set = tag(body.key, body.value);
    ctx.registry.versions.setTags(version.model_name, version.version, withTag(version.tags, set));
    ctx.events.emit(versionTagSet(version.model_name, String(version.version), [set], userIdOf(req.principal)));
    return ok({});
  };
}

function deleteTagHandler(ctx: EmulatorContext): Handler {
  return (req) => {
    const version = versionFromQuery(ctx, req);
    const key = req.query.get('key');
    if (!key) throw invalidParameter('Missing required field: key');
    if (!version.tags.some((t) => t.key === key)) throw tagNotFound(`Model version ${version.model_name} ${version.version}`, key);
    ctx.registry.versions.setTags(version.model_name, version.version, version.tags.filter((t) => t.key !== key));
    return ok({});
  };
}

function downloadUriHandler(ctx: EmulatorContext): Handler {
  return (req) => ok({ artifact_uri: versionFromQuery(ctx, req).source });
}

function transitionHandler(ctx: EmulatorContext, key: string): Handler {
  return (req) => {
    const body = bodyOf(req, ['name', 'version', 'stage', 'archive_existing_versions', 'comment']);
    const version = versionFromBody(ctx, body);
    const moved = applyTransition(ctx, {
      version, to: stage(body.stage), archiveExisting: optionalBoolean(body, 'archive_existing_versions'),
      userId: userIdOf(req.principal), appliedComment: optionalText(body, 'comment'),
    });
    const open = ctx.registry.activities.openRequests(moved.model_name, moved.version);
    const level = permissionLevel(ctx, req.principal, moved.model_name);
    return ok({ [key]: key === 'model_version' ? versionView(moved) : versionDatabricksView(moved, open, level) });
  };
}

export function versionFromQuery(ctx: EmulatorContext, req: RequestContext): StoredVersion {
  return ctx.registry.version(modelName(req.query.get('name')), versionNumber(req.query.get('version') ?? undefined));
}

export function versionFromBody(ctx: EmulatorContext, body: Record<string, unknown>): StoredVersion {
  return ctx.registry.version(modelName(body.name as string | undefined), versionNumber(body.version));
}
