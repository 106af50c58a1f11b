// A small stateful fake of a list/create/delete API (like the registry's), with scripted faults on
// writes, to check that retries never duplicate a create.
import type http from 'node:http';
import { dropConnection, sendJson, startServer, type TestServer } from './test-server.js';

export type Fault = 'ok' | 'drop-after-apply' | '503-after-apply' | '503-before-apply' | '429' | 'drop-before-apply';

export interface Thing {
  readonly id: string;
  readonly model_name?: string;
  readonly spec: { readonly url: string };
}

export interface ThingsServer extends TestServer {
  readonly things: Thing[];
  count(method: string, pathEnd: string): number;
}

export async function startThingsServer(options: { things?: Thing[]; faults?: Fault[]; failListAfter?: number }): Promise<ThingsServer> {
  const things = [...(options.things ?? [])];
  const faults = [...(options.faults ?? [])];
  let nextId = 100;
  let lists = 0;
  const write = (res: http.ServerResponse, apply: () => unknown): void => {
    const fault = faults.shift() ?? 'ok';
    if (fault === '429') return sendJson(res, 429, { error_code: 'REQUEST_LIMIT_EXCEEDED', message: 'slow down' }, { 'retry-after': '0' });
    if (fault === '503-before-apply') return sendJson(res, 503, { error_code: 'TEMPORARILY_UNAVAILABLE', message: 'busy' });
    if (fault === 'drop-before-apply') return dropConnection(res);
    const result = apply();
    if (fault === 'drop-after-apply') return dropConnection(res);
    if (fault === '503-after-apply') return sendJson(res, 503, { error_code: 'TEMPORARILY_UNAVAILABLE', message: 'busy' });
    if (result === undefined) return sendJson(res, 404, { error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'no such thing' });
    sendJson(res, 200, result);
  };
  const server = await startServer((req, res) => {
    const param = (k: string): string | undefined => req.query.find(([q]) => q === k)?.[1];
    if (req.path.endsWith('/list')) {
      if (options.failListAfter !== undefined && ++lists > options.failListAfter) {
        return sendJson(res, 400, { error_code: 'INVALID_STATE', message: 'list broke' });
      }
      const model = param('model_name');
      return sendJson(res, 200, { things: things.filter((t) => model === undefined || t.model_name === model) });
    }
    if (req.path.endsWith('/create')) {
      return write(res, () => {
        const thing = { id: String(nextId++), ...(JSON.parse(req.body) as Omit<Thing, 'id'>) };
        things.push(thing);
        return { thing };
      });
    }
    if (req.path.endsWith('/delete')) {
      return write(res, () => {
        const i = things.findIndex((t) => t.id === param('id'));
        return i < 0 ? undefined : (things.splice(i, 1), {});
      });
    }
    sendJson(res, 404, { error_code: 'ENDPOINT_NOT_FOUND', message: req.path });
  });
  return {
    ...server,
    things,
    count: (method, pathEnd) => server.requests.filter((r) => r.method === method && r.path.endsWith(pathEnd)).length,
  };
}
