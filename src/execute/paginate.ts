import { ApiError } from '../errors.js';
import { DEFAULT_MAX_PAGES } from './limits.js';
import type { ApiRequest } from '../plan/types.js';
import { withQueryValue } from './build-path.js';
import type { Operation } from './operation.js';
import { valueAtPath } from './object-path.js';
import { selectPageItems } from './select-result.js';

/** One response body for one request (retries included). */
export type FetchBody = (request: ApiRequest, op: Operation) => Promise<unknown>;

/**
 * The rows of each page in turn, re-sending the same request (filters included) with the token of
 * the previous page. Nothing is kept between pages but the tokens seen: a server that hands out a
 * token twice would make us loop forever, so that is an error rather than a silent stop. One that
 * hands out a fresh token forever is stopped by `maxPages`: an error too, never a silent truncation.
 *
 * The next page is requested as soon as this page's token is known, before this page's rows are
 * handed on: the caller stores them while the server prepares the next page, so a listing costs
 * about its round trips rather than round trips plus our own work per page (B1 in bench/). At most
 * one request is ahead; its failure surfaces when its page is asked for, after this page's rows. A
 * caller that stops early leaves that one read to finish on its own (bounded by the deadline).
 */
export async function* paginate(
  request: ApiRequest,
  op: Operation,
  fetchBody: FetchBody,
  maxPages: number = DEFAULT_MAX_PAGES,
): AsyncGenerator<readonly unknown[]> {
  const pagination = request.pagination;
  const seen = new Set(request.query.filter(([k]) => k === pagination?.requestToken).map(([, v]) => v));
  request = withPageSize(request);
  let ahead: Promise<unknown> = fetchBody(request, op);
  for (let page = 1; ; page++) {
    const body = await ahead;
    const items = withEcho(selectPageItems(body, request.objectKey), request.echo);
    const next = pagination === null ? { done: true as const } : nextRequest(request, body, page, seen, maxPages);
    if (!next.done && next.request !== undefined) {
      ahead = fetchBody(next.request, op);
      // Handled when awaited above; if the caller stops first, nobody will.
      ahead.catch(() => undefined);
    }
    yield items;
    if (next.done) return;
    if (next.error) throw next.error;
  }
}

/**
 * The definition's page size when the statement set none (`WHERE max_results = 50` wins). Added here,
 * where requests are sent, not when planning: EXPLAIN, the statements view and --dry-run show what the
 * statement asked for, and the page size only changes how many round trips the same rows take.
 */
function withPageSize(request: ApiRequest): ApiRequest {
  const size = request.pagination?.pageSize;
  if (size === undefined || request.query.some(([k]) => k === size.input)) return request;
  return { ...request, query: [...request.query, [size.input, String(size.size)]] };
}

type Next = { readonly done: true } | { readonly done: false; readonly request?: ApiRequest; readonly error?: ApiError };

/** The request for the page after `page`, or the error that following it would be (thrown after this page's rows). */
function nextRequest(request: ApiRequest, body: unknown, page: number, seen: Set<string>, maxPages: number): Next {
  const pagination = request.pagination!;
  const token = valueAtPath(body, pagination.responseToken);
  if (token === undefined || token === null || token === '') return { done: true };
  const next = String(token);
  if (seen.has(next)) return { done: false, error: repeatedToken(request, page) };
  if (page >= maxPages) return { done: false, error: tooManyPages(request, maxPages) };
  seen.add(next);
  return { done: false, request: { ...request, query: withQueryValue(request.query, pagination.requestToken, next) } };
}

function tooManyPages(request: ApiRequest, maxPages: number): ApiError {
  return new ApiError(
    {
      status: 200,
      errorCode: 'TOO_MANY_PAGES',
      apiMessage: `the listing went on past ${maxPages.toLocaleString('en-US')} pages; stopped rather than return a partial result`,
      httpMethod: request.httpMethod,
      path: request.path,
      workspace: request.workspace,
    },
    { hint: 'the server keeps handing out page tokens; raise HOOKQL_MAX_PAGES if this workspace really is that large' },
  );
}

/** Rows of a listing scoped to its inputs get those inputs as columns; a value the row has wins. */
function withEcho(items: readonly unknown[], echo: Readonly<Record<string, unknown>> | undefined): readonly unknown[] {
  if (echo === undefined) return items;
  return items.map((item) => (item !== null && typeof item === 'object' && !Array.isArray(item) ? { ...echo, ...item } : item));
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
