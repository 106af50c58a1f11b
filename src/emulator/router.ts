// Finds the handler for a request: authenticate first (every route but the public discovery and token
// ones needs a valid token, so even an unknown path without a token is 403; UNVERIFIED order on the
// real service), then match method + path exactly. Anything unmatched, an unknown path or a known path
// with another method, is 404 ENDPOINT_NOT_FOUND "No API found for '<METHOD> <path without /api/2.0>'"
// (databricks/databricks-cli#383; model-registry.md §9). Routing is keyed on method + path there, so a
// wrong method is the same 404, not a 405 (the legacy client cannot parse a non-Databricks code).

import { ApiError } from './wire/api-error.js';
import type { Authenticator } from './auth/authenticator.js';
import type { RouteTable } from './emulator-context.js';
import type { Handler, Reply, RequestContext } from './types.js';

export class Router {
  private readonly routes: RouteTable;
  private readonly publicPaths: ReadonlySet<string>;
  /** The `/api/X.Y` versions some route uses; any other version is a "Bad Target". */
  private readonly versions: ReadonlySet<string>;

  /** One table per family (families.ts) plus the admin API; a path+method claimed twice is a bug. */
  constructor(tables: readonly RouteTable[], publicPaths: Iterable<string>, private readonly auth: Authenticator) {
    this.routes = mergeRouteTables(tables);
    this.publicPaths = new Set(publicPaths);
    this.versions = new Set(Object.keys(this.routes).map(apiVersion).filter((v): v is string => v !== undefined));
  }

  async dispatch(req: RequestContext): Promise<Reply> {
    const principal = this.publicPaths.has(req.path) ? undefined : this.auth.authenticate(req.headers);
    // Own-property lookup only: a path such as "/__proto__" must not reach Object.prototype.
    const methods = Object.hasOwn(this.routes, req.path) ? this.routes[req.path] : undefined;
    const handler = methods && Object.hasOwn(methods, req.method) ? methods[req.method] : undefined;
    if (!handler) {
      const version = apiVersion(req.path);
      throw version !== undefined && !this.versions.has(version) ? new BadTarget(req.path) : endpointNotFound(req.method, req.path);
    }
    return handler({ ...req, principal });
  }
}

/**
 * The observed form shows the path without the `/api/2.0` prefix: "No API found for 'GET /repos'".
 * Other versions keep their prefix in the message (UNVERIFIED: only a 2.0 path was observed).
 */
export function endpointNotFound(method: string, path: string): ApiError {
  const shown = path.startsWith('/api/2.0/') ? path.slice('/api/2.0'.length) : path;
  return new ApiError(404, 'ENDPOINT_NOT_FOUND', `No API found for '${method.slice(0, 20)} ${shown.slice(0, 200)}'`);
}

/**
 * An API version the workspace does not serve is answered by the gateway, not the API: HTTP 404 with
 * `{"error": "Bad Target: <path>"}` (apache/airflow#60444 for /api/2.2/sql/endpoints; databricks-sdk-py#922
 * for /api/2.2/jobs/run-now). The SDKs turn it into NotFound from the status.
 */
class BadTarget extends ApiError {
  constructor(path: string) {
    super(404, 'ENDPOINT_NOT_FOUND', `Bad Target: ${path.slice(0, 200)}`);
  }

  override toReply() {
    return { status: 404, body: { error: this.message } };
  }
}

function apiVersion(path: string): string | undefined {
  return /^\/api\/(\d+\.\d+)\//.exec(path)?.[1];
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
