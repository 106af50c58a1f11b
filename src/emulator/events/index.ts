// Registry events and their deliveries: the dispatcher (matching ACTIVE hooks, async delivery with
// retries) and the persisted delivery log, served as the hookql extension webhook-deliveries/list.

import type { EmulatorFamily } from '../family.js';
import { DELIVERY_LOG_SCHEMA } from './delivery-log-store.js';
import { deliveryRoutes } from './delivery-routes.js';

export const eventsFamily: EmulatorFamily = {
  name: 'events',
  schema: DELIVERY_LOG_SCHEMA,
  routes: deliveryRoutes,
  reset: (ctx) => ctx.deliveryLog.clear(),
};
