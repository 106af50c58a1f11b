import { ApiError } from '../errors.js';
import type { ApiRequest } from '../plan/types.js';
import { withQueryValue } from './build-path.js';
import type { Operation } from './operation.js';
import { valueAtPath } from './object-path.js';
import { selectPageItems } from './select-result.js';

/** One response body for one request (retries included). */
export type FetchBody = (request: ApiRequest, op: Operation) => Promise<unknown>;

export interface PaginateOptions {
  /**
   * Send the request for page N+1 before handing page N to the consumer, so the consumer's work on
   * a page (the SELECT path inserts it into SQLite) overlaps the next round trip instead of adding to
   * it. Only for consumers that read every page or abort the operation's signal when they stop: an
   * abandoned prefetch is otherwise left to finish on its own (existence checks stop early, so they
   * do not prefetch).
   */
  readonly prefetch?: boolean;
}

/**
 * The rows of each page in turn, re-sending the same request (filters included) with the token of
 * the previous page. Nothing is kept between pages but the tokens seen: a server that hands out a
 * token twice would make us loop forever, so that is an error rather than a silent stop.
 */
export async function* paginate(request: ApiRequest, op: Operation, fetchBody: FetchBody, options: PaginateOptions = {}): AsyncGenerator<readonly unknown[]> {
  const pagination = request.pagination;
  const seen = new Set(request.query.filter(([k]) => k === pagination?.requestToken).map(([, v]) => v));
  let pending: Promise<unknown> | null = fetchBody(request, op);
  for (let page = 1; pending !== null; page++) {
    const body: unknown = await pending;
    pending = null;
    const next = nextRequest(request, body, page, seen);
    if (next !== null && options.prefetch) {
      pending = fetchBody(next, op);
      // Its failure is reported by the `await` above on the next turn; until then it must not count
      // as unhandled (the consumer may be busy with this page, or gone after aborting).
      pending.catch(() => {});
      // One turn of the event loop puts the request on the wire before the consumer takes the CPU.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    yield selectPageItems(body, request.objectKey);
    if (next !== null && !options.prefetch) pending = fetchBody(next, op);
  }
}

/** The request for the page after `body`, or null on the last page. */
function nextRequest(request: ApiRequest, body: unknown, page: number, seen: Set<string>): ApiRequest | null {
  const pagination = request.pagination;
  if (pagination === null) return null;
  const token = valueAtPath(body, pagination.responseToken);
  if (token === undefined || token === null || token === '') return null;
  const next = String(token);
  if (seen.has(next)) throw repeatedToken(request, page);
  seen.add(next);
  return { ...request, query: withQueryValue(request.query, pagination.requestToken, next) };
}

function repeatedToken(request: ApiRequest, page: number): ApiError {
  return new ApiError(
    {
      status: 200,
      errorCode: 'REPEATED_PAGE_TOKEN',
      apiMessage: `page ${page} repeated a page token already followed; stopped instead of looping forever`,
      httpMethod: request.httpMethod,
      path: request.path,
      workspace: request.workspace,
    },
    { hint: 'the server paginates inconsistently; narrow the query or try again later' },
  );
}
