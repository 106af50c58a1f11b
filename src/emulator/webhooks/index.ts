// The registry-webhooks family: CRUD, list pages and the test call (api/registry-webhooks.md).

import type { EmulatorFamily } from '../family.js';
import { WEBHOOKS_SCHEMA } from './webhook-store.js';
import { webhookRoutes } from './webhook-routes.js';
import { webhookTestRoutes } from './webhook-test-route.js';

export const webhooksFamily: EmulatorFamily = {
  name: 'webhooks',
  schema: WEBHOOKS_SCHEMA,
  routes: (ctx) => ({ ...webhookRoutes(ctx), ...webhookTestRoutes(ctx) }),
  reset: (ctx) => ctx.webhooks.clear(),
};
