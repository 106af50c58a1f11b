// The workspace model registry family: models, versions, transition requests, comments, tags
// (api/model-registry.md). Its actions fire webhook events through ctx.events (events/).

import type { RouteTable } from '../emulator-context.js';
import type { EmulatorFamily } from '../family.js';
import { commentRoutes } from './comment-routes.js';
import { modelRoutes } from './model-routes.js';
import { REGISTRY_SCHEMA } from './registry-schema.js';
import { transitionRoutes } from './transition-routes.js';
import { versionRoutes } from './version-routes.js';

export const registryFamily: EmulatorFamily = {
  name: 'registry',
  schema: REGISTRY_SCHEMA,
  routes: (ctx) => withPreviewAliases({ ...modelRoutes(ctx), ...versionRoutes(ctx), ...transitionRoutes(ctx), ...commentRoutes(ctx) }),
  reset: (ctx) => ctx.registry.models.clear(),
};

/**
 * Every route also under /api/2.0/preview/mlflow/…: early generated SDKs and OSS MLflow clients used
 * that prefix (model-registry.md §10). Whether today's workspace still serves it for the registry is
 * UNVERIFIED; answering the same way costs nothing and keeps such clients working.
 */
function withPreviewAliases(table: RouteTable): RouteTable {
  return Object.fromEntries(
    Object.entries(table).flatMap(([path, methods]) => [[path, methods], [path.replace('/api/2.0/mlflow/', '/api/2.0/preview/mlflow/'), methods]]),
  );
}
