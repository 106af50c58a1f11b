// The registry-webhooks CRUD endpoints, with the documented placement: list and delete take query
// parameters, create and update take a JSON body (api/registry-webhooks.md §1). `test` is in
// webhook-test-route.ts.

import { invalidParameter, notFound } from '../wire/api-error.js';
import { requireCanManageHooks } from '../auth/hook-permissions.js';
import type { EmulatorContext, RouteTable } from '../emulator-context.js';
import { listParams, pageSize } from './list-params.js';
import { decodePageToken, encodePageToken } from './page-token.js';
import { parseJsonObject } from '../wire/parse-json.js';
import { JsonText } from '../wire/json-text.js';
import { existing } from './find-webhook.js';
import type { Handler, RequestContext } from '../types.js';
import { checkUpdateAgainst, parseUpdate, validateCreate } from './validate-webhook.js';
import { toPublicWebhook } from './webhook-view.js';

export const WEBHOOKS_BASE = '/api/2.0/mlflow/registry-webhooks';
/**
 * The legacy proto lists every RPC under both paths, and the guide's client (databricks-registry-webhooks
 * 0.1.2) calls the preview one first (model-registry.md §10), so both are served, identically.
 */
export const WEBHOOKS_PREVIEW_BASE = '/api/2.0/preview/mlflow/registry-webhooks';

export function webhookRoutes(ctx: EmulatorContext): RouteTable {
  return onBothBases({
    list: { GET: listHandler(ctx) },
    create: { POST: createHandler(ctx) },
    update: { PATCH: updateHandler(ctx) },
    delete: { DELETE: deleteHandler(ctx) },
  });
}

/** `{name: methods}` → the same handlers under `/api/2.0/mlflow/…/name` and `/api/2.0/preview/mlflow/…/name`. */
export function onBothBases(table: RouteTable): RouteTable {
  return Object.fromEntries(
    Object.entries(table).flatMap(([name, methods]) => [[`${WEBHOOKS_BASE}/${name}`, methods], [`${WEBHOOKS_PREVIEW_BASE}/${name}`, methods]]),
  );
}

function listHandler(ctx: EmulatorContext): Handler {
  return (req) => {
    const params = listParams(req);
    const limit = pageSize(params.maxResults);
    const page = ctx.webhooks.publicPage({ modelName: params.modelName, events: params.events }, decodePageToken(params.pageToken), limit);
    // Both keys are omitempty: no `webhooks` key when nothing matched, no token on the last page,
    // and never a token with an empty page (the JS SDK would stop there anyway). Spelled as
    // JSON.stringify would spell `{ webhooks, next_page_token }`.
    const parts: string[] = [];
    if (page.json.length > 0) parts.push(`"webhooks":[${page.json.join(',')}]`);
    if (page.more) parts.push(`"next_page_token":${JSON.stringify(encodePageToken(page.lastSeq))}`);
    return { status: 200, body: new JsonText(`{${parts.join(',')}}`) };
  };
}

function createHandler(ctx: EmulatorContext): Handler {
  return (req) => {
    const webhook = validateCreate(parseJsonObject(req.text), ctx.rules);
    requireCanManageHooks(ctx.permissions, req.principal, webhook.model_name);
    return { status: 200, body: { webhook: toPublicWebhook(ctx.webhooks.insert(webhook)) } };
  };
}

function updateHandler(ctx: EmulatorContext): Handler {
  return (req) => {
    const update = parseUpdate(parseJsonObject(req.text), ctx.rules);
    const stored = existing(ctx, update.id);
    requireCanManageHooks(ctx.permissions, req.principal, stored.model_name);
    checkUpdateAgainst(stored, update);
    const updated = ctx.webhooks.update(update.id, update.changes);
    if (!updated) throw notFound(update.id);
    return { status: 200, body: { webhook: toPublicWebhook(updated) } };
  };
}

function deleteHandler(ctx: EmulatorContext): Handler {
  return (req) => {
    const id = deleteId(req);
    const stored = existing(ctx, id);
    requireCanManageHooks(ctx.permissions, req.principal, stored.model_name);
    ctx.webhooks.delete(id);
    return { status: 200, body: {} };
  };
}

/** `?id=` as every SDK sends it; the old docs' `-d '{"id": …}'` body is tolerated when the query has none. */
function deleteId(req: RequestContext): string {
  const fromQuery = req.query.get('id');
  if (fromQuery) return fromQuery;
  const body = fromQuery === null ? parseJsonObject(req.text) : undefined;
  const fromBody = body?.id;
  if (typeof fromBody === 'string' && fromBody !== '') return fromBody;
  throw invalidParameter('Missing required field: id');
}
