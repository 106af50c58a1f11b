// The workspace model registry: models, versions, transition requests, comments, tags.

import type { EmulatorContext, RouteTable } from '../emulator-context.js';
import { commentRoutes } from './comment-routes.js';
import { modelRoutes } from './model-routes.js';
import { transitionRoutes } from './transition-routes.js';
import { versionRoutes } from './version-routes.js';

export { Registry } from './registry-context.js';

export function registryRoutes(ctx: EmulatorContext): RouteTable {
  return { ...modelRoutes(ctx), ...versionRoutes(ctx), ...transitionRoutes(ctx), ...commentRoutes(ctx) };
}
