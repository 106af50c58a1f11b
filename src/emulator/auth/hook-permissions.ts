// Who may create, modify, delete or test a webhook (GUIDE "Types of webhooks"; model-registry.md §8):
// registry-wide hooks (no model_name) need a workspace admin; model-scoped hooks need CAN MANAGE on the
// registered model, which workspace admins have on every model. Listing is open to every user (what a
// real workspace filters there is UNVERIFIED). The refusal texts are UNVERIFIED; code and status are not.

import { permissionDenied } from '../wire/api-error.js';
import type { Principal } from '../types.js';
import type { GrantStore } from './grant-store.js';

export interface Grants {
  readonly store: GrantStore;
  /** Grants given at start-up (--user-can-manage): user name → models. */
  readonly configured: ReadonlyMap<string, ReadonlySet<string>>;
}

export function requireCanManageHooks(grants: Grants, principal: Principal | undefined, modelName: string | undefined): void {
  if (principal?.role === 'admin') return;
  if (modelName === undefined) {
    throw permissionDenied('Registry-wide webhooks (without model_name) can be managed only by workspace admins.');
  }
  if (principal && canManage(grants, principal.userName, modelName)) return;
  throw permissionDenied(
    `User ${principal?.userName ?? 'unknown'} does not have CAN_MANAGE permission on registered model '${modelName.slice(0, 200)}', which webhooks for it require.`,
  );
}

function canManage(grants: Grants, userName: string, modelName: string): boolean {
  return grants.configured.get(userName)?.has(modelName) === true || grants.store.levelOf(modelName, userName) === 'CAN_MANAGE';
}
