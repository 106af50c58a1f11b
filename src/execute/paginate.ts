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
 */
export async function* paginate(
  request: ApiRequest,
  op: Operation,
  fetchBody: FetchBody,
  maxPages: number = DEFAULT_MAX_PAGES,
): AsyncGenerator<readonly unknown[]> {
  const pagination = request.pagination;
  const seen = new Set(request.query.filter(([k]) => k === pagination?.requestToken).map(([, v]) => v));
  let current = request;
  for (let page = 1; ; page++) {
    const body = await fetchBody(current, op);
    yield withEcho(selectPageItems(body, request.objectKey), request.echo);
    if (pagination === null) return;
    const token = valueAtPath(body, pagination.responseToken);
    if (token === undefined || token === null || token === '') return;
    const next = String(token);
    if (seen.has(next)) throw repeatedToken(request, page);
    if (page >= maxPages) throw tooManyPages(request, maxPages);
    seen.add(next);
    current = { ...request, query: withQueryValue(request.query, pagination.requestToken, next) };
  }
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
