// GET /api/2.0/hookql/webhook-deliveries/list: the delivery log, a hookql extension (no Databricks
// workspace serves it). Filters webhook_id, model_name, event; keyset pages in attempt order.

import type { EmulatorContext, RouteTable } from '../emulator-context.js';
import { decodePageToken, encodePageToken } from '../webhooks/page-token.js';
import { registryPageSize } from '../registry/registry-page.js';
import type { Handler } from '../types.js';

export const DELIVERIES_PATH = '/api/2.0/hookql/webhook-deliveries/list';

export function deliveryRoutes(ctx: EmulatorContext): RouteTable {
  return { [DELIVERIES_PATH]: { GET: listHandler(ctx) } };
}

function listHandler(ctx: EmulatorContext): Handler {
  return (req) => {
    const filter = {
      webhookId: req.query.get('webhook_id') || undefined,
      modelName: req.query.get('model_name') || undefined,
      event: req.query.get('event') || undefined,
    };
    const limit = registryPageSize(req.query.get('max_results'), 1000, 1000);
    const page = ctx.deliveryLog.page(filter, decodePageToken(req.query.get('page_token') ?? undefined), limit);
    const body: Record<string, unknown> = {};
    if (page.rows.length > 0) body.deliveries = page.rows.map(({ seq, ...attempt }) => ({ id: String(seq), ...attempt }));
    if (page.more && page.rows.length > 0) body.next_page_token = encodePageToken(page.rows[page.rows.length - 1].seq);
    return { status: 200, body };
  };
}
