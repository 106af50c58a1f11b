// Finds the handler for a request: authenticate first (every route but the public OAuth ones needs a
// valid token, as on the real service, so even an unknown path without a token is 403), then match
// the path exactly (404 ENDPOINT_NOT_FOUND), then the method (405).

import { ApiError } from './wire/api-error.js';
import type { Authenticator } from './auth/authenticator.js';
import type { RouteTable } from './emulator-context.js';
import type { Handler, Reply, RequestContext } from './types.js';

export class Router {
  private readonly routes: RouteTable;
  private readonly publicPaths: ReadonlySet<string>;

  /** One table per family (families.ts) plus the admin API; a path+method claimed twice is a bug. */
  constructor(tables: readonly RouteTable[], publicPaths: Iterable<string>, private readonly auth: Authenticator) {
    this.routes = mergeRouteTables(tables);
    this.publicPaths = new Set(publicPaths);
  }

  async dispatch(req: RequestContext): Promise<Reply> {
    const principal = this.publicPaths.has(req.path) ? undefined : this.auth.authenticate(req.headers);
    // Own-property lookup only: a path such as "/__proto__" must not reach Object.prototype.
    const methods = Object.hasOwn(this.routes, req.path) ? this.routes[req.path] : undefined;
    if (!methods) {
      throw new ApiError(404, 'ENDPOINT_NOT_FOUND', `No API found for '${req.method} ${req.path.slice(0, 200)}'`);
    }
    const handler = Object.hasOwn(methods, req.method) ? methods[req.method] : undefined;
    if (!handler) {
      const allowed = Object.keys(methods).join(', ');
      throw new ApiError(405, 'METHOD_NOT_ALLOWED', `${req.method.slice(0, 20)} is not allowed on ${req.path}; use ${allowed}.`, { Allow: allowed });
    }
    return handler({ ...req, principal });
  }
}

export function mergeRouteTables(tables: readonly RouteTable[]): RouteTable {
  const merged: Record<string, Record<string, Handler>> = {};
  for (const table of tables) {
    for (const [path, methods] of Object.entries(table)) {
      const slot = (merged[path] ??= {});
      for (const [method, handler] of Object.entries(methods)) {
        if (Object.hasOwn(slot, method)) throw new Error(`emulator route ${method} ${path} is registered twice`);
        slot[method] = handler;
      }
    }
  }
  return merged;
}
