import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../src/errors.js';
import type { Executor } from '../../src/execute/types.js';
import { collect, listRequest, rejection, testExecutor } from './helpers/requests.js';
import { sendJson, startServer, type TestServer } from './helpers/test-server.js';

let server: TestServer;
let executor: Executor;
afterEach(async () => {
  await executor?.close();
  await server?.close();
});

/** Five rows, two per page: pages answer the token of the previous one. */
async function pagedServer(): Promise<TestServer> {
  const pages: Record<string, unknown> = {
    '': { things: [{ id: '1' }, { id: '2' }], next_page_token: 't1' },
    t1: { things: [{ id: '3' }, { id: '4' }], next_page_token: 't2' },
    t2: { things: [{ id: '5' }] },
  };
  return startServer((req, res) => {
    const token = req.query.find(([k]) => k === 'page_token')?.[1] ?? '';
    sendJson(res, 200, pages[token]);
  });
}

describe('pages()', () => {
  it('when the server paginates over 3 pages then every page is yielded and filters are re-sent each time', async () => {
    server = await pagedServer();
    executor = testExecutor();
    const query = [['model_name', 'm'], ['events', 'A'], ['events', 'B']] as const;
    const pages = await collect(executor.pages(listRequest(server.url, { query })));

    expect(pages.map((p) => p.items)).toEqual([[{ id: '1' }, { id: '2' }], [{ id: '3' }, { id: '4' }], [{ id: '5' }]]);
    expect(pages.every((p) => p.workspace === server.url)).toBe(true);
    expect(server.requests.map((r) => r.query)).toEqual([
      [...query],
      [...query, ['page_token', 't1']],
      [...query, ['page_token', 't2']],
    ]);
    expect(executor.stats).toMatchObject({ requests: 3, pages: 3, retries: 0 });
  });

  it('when only the first page is consumed then the next one is already asked for, and no more (one page ahead, not accumulating)', async () => {
    server = await pagedServer();
    executor = testExecutor();
    for await (const page of executor.pages(listRequest(server.url))) {
      expect(page.items).toHaveLength(2);
      // The second page's request leaves while the first page's rows are handed on.
      await expect.poll(() => server.requests.length).toBe(2);
      await new Promise((r) => setTimeout(r, 50));
      expect(server.requests.map((r) => r.query)).toEqual([[], [['page_token', 't1']]]);
      break;
    }
  });

  it('when the user gave a page token then it is replaced, not repeated, on the next page', async () => {
    server = await pagedServer();
    executor = testExecutor();
    await collect(executor.pages(listRequest(server.url, { query: [['page_token', 't1'], ['max_results', '2']] })));
    expect(server.requests.map((r) => r.query)).toEqual([
      [['page_token', 't1'], ['max_results', '2']],
      [['max_results', '2'], ['page_token', 't2']],
    ]);
  });

  it('when the method has a page size then every page asks for it, unless the statement set one', async () => {
    server = await pagedServer();
    executor = testExecutor();
    const pagination = { requestToken: 'page_token', responseToken: 'next_page_token', pageSize: { input: 'max_results', size: 1000 } };
    await collect(executor.pages(listRequest(server.url, { pagination, query: [['model_name', 'm']] })));
    expect(server.requests.map((r) => r.query)).toEqual([
      [['model_name', 'm'], ['max_results', '1000']],
      [['model_name', 'm'], ['max_results', '1000'], ['page_token', 't1']],
      [['model_name', 'm'], ['max_results', '1000'], ['page_token', 't2']],
    ]);
    server.requests.length = 0;
    await collect(executor.pages(listRequest(server.url, { pagination, query: [['max_results', '2']] })));
    expect(server.requests.map((r) => r.query)).toEqual([[['max_results', '2']], [['max_results', '2'], ['page_token', 't1']], [['max_results', '2'], ['page_token', 't2']]]);
  });

  it('when the server repeats a token then an error stops the loop', async () => {
    server = await startServer((_req, res) => sendJson(res, 200, { things: [{ id: 'x' }], next_page_token: 'same' }));
    executor = testExecutor();
    const err = await rejection(collect(executor.pages(listRequest(server.url))));
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).details.errorCode).toBe('REPEATED_PAGE_TOKEN');
    expect(server.requests).toHaveLength(2);
  });

  it.each([
    { name: 'the object key is absent', body: { next_page_token: '' }, items: [] },
    { name: 'the token is an empty string', body: { things: [{ id: '1' }], next_page_token: '' }, items: [{ id: '1' }] },
    { name: 'the token is missing', body: { things: [{ id: '1' }] }, items: [{ id: '1' }] },
    { name: 'the body is empty', body: {}, items: [] },
  ])('when $name then one page is yielded and pagination stops', async ({ body, items }) => {
    server = await startServer((_req, res) => sendJson(res, 200, body));
    executor = testExecutor();
    const pages = await collect(executor.pages(listRequest(server.url)));
    expect(pages.map((p) => p.items)).toEqual([items]);
  });

  it('when the request has no pagination then a token in the body is ignored', async () => {
    server = await startServer((_req, res) => sendJson(res, 200, { things: [1], next_page_token: 'more' }));
    executor = testExecutor();
    const pages = await collect(executor.pages(listRequest(server.url, { pagination: null })));
    expect(pages).toHaveLength(1);
  });
});
