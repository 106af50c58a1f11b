// The caller's permission level on a model, as ModelDatabricks and ModelVersionDatabricks report it
// (permission_level), from the grants the auth/ family keeps. Workspace admins manage every model; a
// model's creator gets CAN_MANAGE on it (as on the real service). With no grant, CAN_READ is assumed:
// what a workspace's default ACL gives other users is UNVERIFIED.

import type { EmulatorContext } from '../emulator-context.js';
import type { Principal } from '../types.js';

export function permissionLevel(ctx: EmulatorContext, principal: Principal | undefined, modelName: string): string {
  if (principal?.role === 'admin') return 'CAN_MANAGE';
  if (principal === undefined) return 'CAN_READ';
  if (ctx.permissions.configured.get(principal.userName)?.has(modelName)) return 'CAN_MANAGE';
  return ctx.grants.levelOf(modelName, principal.userName) ?? 'CAN_READ';
}

/** The creator of a model manages it: they may then create model-scoped webhooks for it. */
export function grantCreator(ctx: EmulatorContext, principal: Principal | undefined, modelName: string): void {
  if (principal === undefined || principal.role === 'admin') return;
  ctx.grants.put({ model_name: modelName, user_name: principal.userName, permission_level: 'CAN_MANAGE' });
}
