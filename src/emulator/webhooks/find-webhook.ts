import { notFound } from '../wire/api-error.js';
import type { EmulatorContext } from '../emulator-context.js';
import type { StoredWebhook } from './webhook-types.js';

/** The stored webhook, or 404 RESOURCE_DOES_NOT_EXIST (there is no "get" endpoint; update, delete and test use this). */
export function existing(ctx: EmulatorContext, id: string): StoredWebhook {
  const stored = ctx.webhooks.get(id);
  if (!stored) throw notFound(id);
  return stored;
}
