// A small fake of the fixture Acme API (test/fixtures/resources/acme_cloud): one server per region
// with its channels and their deliveries, and a directory server listing the regions. Deliveries
// can only be listed per channel (400 without one), which is what makes a JOIN feed a param.
import type http from 'node:http';
import { sendJson, startServer, type TestServer } from '../../execute/helpers/test-server.js';

export interface Channel {
  readonly channel_id: string;
  readonly kind: 'EMAIL' | 'SMS' | 'PAGER';
  readonly labels: readonly string[];
}

export interface Delivery {
  readonly delivery_id: string;
  readonly channel_id: string;
  readonly outcome: 'SENT' | 'FAILED';
  readonly attempt: number;
}

export interface RegionData {
  readonly channels: readonly Channel[];
  readonly deliveries: readonly Delivery[];
}

export interface RegionOptions {
  /** Milliseconds before each deliveries answer (to see concurrency), or 'hang' (never answers). */
  readonly deliveriesDelay?: number | 'hang';
}

/** A region server, counting deliveries requests in flight at once. */
export interface RegionServer extends TestServer {
  readonly maxInFlight: () => number;
}

export async function startRegion(data: RegionData, options: RegionOptions = {}): Promise<RegionServer> {
  let inFlight = 0;
  let max = 0;
  const server = await startServer(async (req, res) => {
    const q = new URLSearchParams(req.query);
    if (req.method === 'GET' && req.path === '/v1/channels') {
      const kind = q.get('kind');
      return sendJson(res, 200, { data: { channels: data.channels.filter((c) => kind === null || c.kind === kind) } });
    }
    if (req.method === 'GET' && req.path === '/v1/deliveries') {
      const channel = q.get('channel_id');
      if (channel === null) return sendJson(res, 400, { error_code: 'INVALID_PARAMETER_VALUE', message: 'channel_id is required' });
      if (channel === 'forbidden') return sendJson(res, 403, { error_code: 'PERMISSION_DENIED', message: 'not your channel' });
      inFlight++;
      max = Math.max(max, inFlight);
      try {
        await wait(res, options.deliveriesDelay ?? 0);
      } finally {
        inFlight--;
      }
      const outcome = q.get('outcome');
      const rows = data.deliveries.filter((d) => d.channel_id === channel && (outcome === null || d.outcome === outcome));
      return sendJson(res, 200, { deliveries: rows });
    }
    sendJson(res, 404, { error_code: 'ENDPOINT_NOT_FOUND', message: 'no route' });
  });
  return { ...server, maxInFlight: () => max };
}

/** The directory: the regions of the account, each row's url a value of the `region` server param. */
export async function startDirectory(regions: readonly { name: string; url: string; state: 'UP' | 'DOWN' }[]): Promise<TestServer> {
  return startServer((req, res) => {
    if (req.method === 'GET' && req.path === '/v1/regions') return sendJson(res, 200, { regions });
    sendJson(res, 404, { error_code: 'ENDPOINT_NOT_FOUND', message: 'no route' });
  });
}

function wait(res: http.ServerResponse, delay: number | 'hang'): Promise<void> {
  if (delay === 0) return Promise.resolve();
  // 'hang' ends only when the client gives up (the connection closes).
  if (delay === 'hang') return new Promise((resolve) => res.on('close', () => resolve()));
  return new Promise((resolve) => setTimeout(resolve, delay));
}

/** `GET /v1/deliveries?channel_id=ch-a1` for each request a server saw, in order. */
export function seen(server: TestServer): string[] {
  return server.requests.map((r) => `${r.method} ${r.path}${r.query.length ? `?${new URLSearchParams(r.query).toString()}` : ''}`);
}
