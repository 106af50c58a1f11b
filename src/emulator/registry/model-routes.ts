// Registered models (api/model-registry.md §1, §3): create, the two get routes, list, search, update,
// rename, delete, tags and latest versions. GET and DELETE take the query string, the rest a JSON body.

import { invalidParameter } from '../wire/api-error.js';
import type { EmulatorContext, RouteTable } from '../emulator-context.js';
import { modelCreated } from '../events/registry-event.js';
import type { JsonObject } from '../wire/parse-json.js';
import type { Handler } from '../types.js';
import { grantCreator, permissionLevel } from './model-permission.js';
import { withTag, type ModelOrder } from './model-store.js';
import { bodyOf, MLFLOW, ok } from './registry-http.js';
import { modelExists, modelName, optionalText, stage, tag, tagList, tagNotFound, userIdOf } from './registry-input.js';
import { decodeRegistryToken, pageBody, registryPageSize } from './registry-page.js';
import { latestVersions, modelDatabricksView, modelView, versionView } from './registry-views.js';
import { parseFilter } from './search-filter.js';

const RM = `${MLFLOW}/registered-models`;

export function modelRoutes(ctx: EmulatorContext): RouteTable {
  const latest = latestVersionsHandler(ctx);
  return {
    [`${RM}/create`]: { POST: createHandler(ctx) },
    [`${MLFLOW}/databricks/registered-models/get`]: { GET: getHandler(ctx, 'registered_model_databricks') },
    // The OSS route the mlflow client uses against a workspace (UNVERIFIED on Databricks, served anyway).
    [`${RM}/get`]: { GET: getHandler(ctx, 'registered_model') },
    [`${RM}/list`]: { GET: listHandler(ctx, false) },
    [`${RM}/search`]: { GET: listHandler(ctx, true) },
    [`${RM}/update`]: { PATCH: updateHandler(ctx) },
    [`${RM}/rename`]: { POST: renameHandler(ctx) },
    [`${RM}/delete`]: { DELETE: deleteHandler(ctx) },
    [`${RM}/set-tag`]: { POST: setTagHandler(ctx) },
    [`${RM}/delete-tag`]: { DELETE: deleteTagHandler(ctx) },
    // POST in every SDK; OSS MLflow also answers GET with query parameters (mlflow/mlflow#5151).
    [`${RM}/get-latest-versions`]: { POST: latest, GET: latest },
  };
}

function createHandler(ctx: EmulatorContext): Handler {
  return (req) => {
    const body = bodyOf(req, ['name', 'description', 'tags']);
    const name = modelName(body.name as string | undefined);
    const model = ctx.registry.models.insert(name, userIdOf(req.principal), optionalText(body, 'description'), tagList(body.tags));
    if (!model) throw modelExists(name);
    grantCreator(ctx, req.principal, name);
    ctx.events.emit(modelCreated(name));
    return ok({ registered_model: modelView(model, []) });
  };
}

function getHandler(ctx: EmulatorContext, key: string): Handler {
  return (req) => {
    const model = ctx.registry.model(modelName(req.query.get('name')));
    const versions = ctx.registry.versions.ofModel(model.name);
    const view = key === 'registered_model' ? modelView(model, versions) : modelDatabricksView(model, versions, permissionLevel(ctx, req.principal, model.name));
    return ok({ [key]: view });
  };
}

/** list: no filter; search: `filter` and `order_by`. Both: max_results default 100, at most 1000. */
function listHandler(ctx: EmulatorContext, search: boolean): Handler {
  return (req) => {
    const filter = search ? parseFilter(req.query.get('filter'), { name: ['=', 'LIKE', 'ILIKE'] }) : undefined;
    const order = search ? modelOrder(req.query.getAll('order_by')) : { column: 'name' as const, descending: false };
    const queryKey = JSON.stringify([search, filter ?? null, order]);
    const offset = decodeRegistryToken(req.query.get('page_token'), queryKey);
    const limit = registryPageSize(req.query.get('max_results'), 100, 1000);
    const page = ctx.registry.models.page(filter, order, offset, limit);
    const items = page.rows.map((m) => modelView(m, ctx.registry.versions.ofModel(m.name)));
    return ok(pageBody('registered_models', items, page.more, offset, queryKey));
  };
}

/** `name` or `last_updated_timestamp`, each optionally ASC/DESC; only the first key is honoured (ties: name ASC). */
function modelOrder(values: readonly string[]): ModelOrder {
  if (values.length === 0) return { column: 'name', descending: false };
  const match = /^\s*(name|last_updated_timestamp)(?:\s+(ASC|DESC))?\s*$/i.exec(values[0]);
  if (!match) throw invalidParameter(`Invalid order_by '${values[0].slice(0, 100)}': use name or last_updated_timestamp, optionally with ASC or DESC.`);
  return { column: match[1].toLowerCase() as ModelOrder['column'], descending: match[2]?.toUpperCase() === 'DESC' };
}

function updateHandler(ctx: EmulatorContext): Handler {
  return (req) => {
    const body = bodyOf(req, ['name', 'description']);
    const model = ctx.registry.model(modelName(body.name as string | undefined));
    ctx.registry.models.setDescription(model.name, optionalText(body, 'description'));
    return ok({ registered_model: modelView(ctx.registry.model(model.name), ctx.registry.versions.ofModel(model.name)) });
  };
}

/** Versions and activities follow the model; hooks keep the old model_name (what the service does is UNVERIFIED). */
function renameHandler(ctx: EmulatorContext): Handler {
  return (req) => {
    const body = bodyOf(req, ['name', 'new_name']);
    const model = ctx.registry.model(modelName(body.name as string | undefined));
    const newName = modelName(body.new_name as string | undefined, 'new_name');
    if (newName !== model.name) {
      if (ctx.registry.models.get(newName)) throw modelExists(newName);
      ctx.registry.models.rename(model.name, newName);
      ctx.grants.renameModel(model.name, newName);
    }
    return ok({ registered_model: modelView(ctx.registry.model(newName), ctx.registry.versions.ofModel(newName)) });
  };
}

/** Cascades to versions, requests and comments (the real rules are UNVERIFIED; §3 suggests cascading). */
function deleteHandler(ctx: EmulatorContext): Handler {
  return (req) => {
    const model = ctx.registry.model(modelName(req.query.get('name')));
    ctx.registry.models.delete(model.name);
    return ok({});
  };
}

function setTagHandler(ctx: EmulatorContext): Handler {
  return (req) => {
    const body = bodyOf(req, ['name', 'key', 'value']);
    const model = ctx.registry.model(modelName(body.name as string | undefined));
    ctx.registry.models.setTags(model.name, withTag(model.tags, tag(body.key, body.value)));
    return ok({});
  };
}

function deleteTagHandler(ctx: EmulatorContext): Handler {
  return (req) => {
    const model = ctx.registry.model(modelName(req.query.get('name')));
    const key = req.query.get('key');
    if (!key) throw invalidParameter('Missing required field: key');
    if (!model.tags.some((t) => t.key === key)) throw tagNotFound(`Registered model '${model.name}'`, key);
    ctx.registry.models.setTags(model.name, model.tags.filter((t) => t.key !== key));
    return ok({});
  };
}

function latestVersionsHandler(ctx: EmulatorContext): Handler {
  return (req) => {
    const body = req.method === 'GET' ? queryAsBody(req.query) : bodyOf(req, ['name', 'stages']);
    const model = ctx.registry.model(modelName(body.name as string | undefined));
    const stages = body.stages === undefined || body.stages === null ? undefined : stageList(body.stages);
    const versions = latestVersions(ctx.registry.versions.ofModel(model.name), stages);
    return ok(versions.length > 0 ? { model_versions: versions.map(versionView) } : {});
  };
}

function stageList(value: unknown): string[] {
  if (!Array.isArray(value)) throw invalidParameter("'stages' must be a list of stages.");
  return value.map((s) => stage(s, 'stages'));
}

function queryAsBody(query: URLSearchParams): JsonObject {
  const stages = query.getAll('stages');
  return { name: query.get('name') ?? undefined, stages: stages.length > 0 ? stages : undefined };
}

