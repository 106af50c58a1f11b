// The workspace model registry family: models, versions, transition requests, comments, tags
// (api/model-registry.md). Its actions fire webhook events through ctx.events (events/).

import type { EmulatorFamily } from '../family.js';
import { commentRoutes } from './comment-routes.js';
import { modelRoutes } from './model-routes.js';
import { REGISTRY_SCHEMA } from './registry-schema.js';
import { transitionRoutes } from './transition-routes.js';
import { versionRoutes } from './version-routes.js';

export const registryFamily: EmulatorFamily = {
  name: 'registry',
  schema: REGISTRY_SCHEMA,
  routes: (ctx) => ({ ...modelRoutes(ctx), ...versionRoutes(ctx), ...transitionRoutes(ctx), ...commentRoutes(ctx) }),
  reset: (ctx) => ctx.registry.models.clear(),
};
