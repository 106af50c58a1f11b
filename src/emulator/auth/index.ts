// The workspace's principals and their grants: users added through the admin API (their PATs) and
// CAN_MANAGE-style grants on registered models. No routes of its own: the admin API writes them
// (admin/admin-routes.ts) and the webhook routes read them (hook-permissions.ts).

import type { EmulatorFamily } from '../family.js';
import { GRANTS_SCHEMA } from './grant-store.js';
import { USERS_SCHEMA } from './user-store.js';

export const authFamily: EmulatorFamily = {
  name: 'auth',
  schema: USERS_SCHEMA + GRANTS_SCHEMA,
  routes: () => ({}),
  reset: (ctx) => {
    ctx.grants.clear();
    ctx.users.clear();
  },
};
