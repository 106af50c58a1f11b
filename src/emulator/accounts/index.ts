// The Account API's workspaces (account mode only): GET /api/2.0/accounts/{id}/workspaces answers a
// bare JSON array, as both SDKs decode it (contract §6.1), and .../workspaces/{workspace_id} one of them.

import type { EmulatorContext, RouteTable } from '../emulator-context.js';
import type { EmulatorFamily } from '../family.js';
import { ApiError } from '../wire/api-error.js';
import type { RequestContext } from '../types.js';

export const accountsFamily: EmulatorFamily = {
  name: 'accounts',
  routes: accountRoutes,
};

function accountRoutes(ctx: EmulatorContext): RouteTable {
  const account = ctx.account;
  if (account === null) return {};
  const base = `/api/2.0/accounts/${encodeURIComponent(account.id)}/workspaces`;
  // The router matches exact paths, so each workspace's own path is a route of its own.
  const one = Object.fromEntries(account.workspaces.map((w) => [`${base}/${w.workspace_id}`, { GET: (req: RequestContext) => (requireAccountAdmin(req), { status: 200, body: w }) }]));
  return {
    [base]: { GET: (req) => (requireAccountAdmin(req), { status: 200, body: account.workspaces }) },
    ...one,
  };
}

/** Account APIs are for account admins; the emulator's admin token and the tokens it issues are. */
function requireAccountAdmin(req: RequestContext): void {
  if (req.principal?.role !== 'admin') throw new ApiError(403, 'PERMISSION_DENIED', 'Only account admins can use the Account API.');
}
