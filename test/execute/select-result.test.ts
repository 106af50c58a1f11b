import { afterEach, describe, expect, it } from 'vitest';
import { selectCallResult, selectPageItems } from '../../src/execute/select-result.js';
import type { Executor } from '../../src/execute/types.js';
import { apiRequest, testExecutor } from './helpers/requests.js';
import { sendJson, startServer, type TestServer } from './helpers/test-server.js';

describe('selectCallResult', () => {
  it.each([
    { name: 'objectKey present', body: { thing: { id: '1' } }, key: '$.thing', alts: [], want: { id: '1' } },
    { name: 'nested dotted objectKey', body: { a: { b: { id: '2' } } }, key: '$.a.b', alts: [], want: { id: '2' } },
    { name: 'objectKey absent, alternative present', body: { old: { id: '3' } }, key: '$.thing', alts: ['$.old'], want: { id: '3' } },
    { name: 'alternatives tried in order', body: { b: 2, c: 3 }, key: '$.a', alts: ['$.b', '$.c'], want: 2 },
    { name: 'flat body that is the object itself', body: { status_code: 200, body: 'OK' }, key: '$.thing', alts: [], want: { status_code: 200, body: 'OK' } },
    { name: 'empty body with an objectKey', body: {}, key: '$.thing', alts: [], want: null },
    { name: 'null objectKey: the whole body', body: { x: 1 }, key: null, alts: [], want: { x: 1 } },
    { name: 'null objectKey, wrapped in an alternative', body: { thing: { x: 1 } }, key: null, alts: ['$.thing'], want: { x: 1 } },
    { name: 'null objectKey and an empty body', body: {}, key: null, alts: [], want: {} },
  ])('$name', ({ body, key, alts, want }) => {
    expect(selectCallResult(body, key, alts)).toEqual(want);
  });
});

describe('selectPageItems', () => {
  it.each([
    { name: 'an array at the key', body: { things: [1, 2] }, want: [1, 2] },
    { name: 'a missing key is an empty page', body: {}, want: [] },
    { name: 'a null value is an empty page', body: { things: null }, want: [] },
    { name: 'a lone object is one row', body: { things: { id: 'a' } }, want: [{ id: 'a' }] },
  ])('$name', ({ body, want }) => {
    expect(selectPageItems(body, '$.things')).toEqual(want);
  });
});

describe('call() with both shapes of a response that changed between API versions', () => {
  let server: TestServer;
  let executor: Executor;
  afterEach(async () => {
    await executor?.close();
    await server?.close();
  });

  it.each([
    { name: 'the current flat shape', reply: { status_code: 200, body: 'OK' } },
    { name: 'the older wrapped shape', reply: { thing: { status_code: 200, body: 'OK' } } },
  ])('when the server answers $name then call() resolves to the inner object', async ({ reply }) => {
    server = await startServer((_req, res) => sendJson(res, 200, reply));
    executor = testExecutor();
    const request = apiRequest(server.url, { httpMethod: 'POST', path: '/api/2.0/things/test', body: { id: '1' }, objectKey: '$.thing' });
    await expect(executor.call(request)).resolves.toEqual({ status_code: 200, body: 'OK' });
  });

  it('when a delete answers with an empty body then call() resolves to {}', async () => {
    server = await startServer((_req, res) => res.writeHead(200).end());
    executor = testExecutor();
    await expect(executor.call(apiRequest(server.url, { httpMethod: 'DELETE', query: [['id', '1']] }))).resolves.toEqual({});
  });
});
