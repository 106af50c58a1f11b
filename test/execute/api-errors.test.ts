import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../../src/errors.js';
import type { Executor } from '../../src/execute/types.js';
import { apiRequest, NEVER, rejection, testExecutor } from './helpers/requests.js';
import { closedPortUrl, sendJson, startServer, type TestServer } from './helpers/test-server.js';

let server: TestServer;
let executor: Executor;
afterEach(async () => {
  await executor?.close();
  await server?.close();
});

const cases = [
  {
    name: 'a string error_code',
    status: 404,
    reply: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'Thing 7 does not exist' },
    errorCode: 'RESOURCE_DOES_NOT_EXIST',
    apiMessage: 'Thing 7 does not exist',
  },
  {
    name: 'a numeric error_code (invalid token)',
    status: 403,
    reply: { error_code: 403, message: 'Invalid access token.' },
    errorCode: '403',
    apiMessage: 'Invalid access token.',
  },
  { name: 'a JSON body without error_code', status: 400, reply: { message: 'bad' }, errorCode: 'HTTP_400', apiMessage: 'bad' },
  {
    name: 'a non-JSON (HTML) body',
    status: 502,
    reply: '<html><body>' + 'x'.repeat(5000) + '</body></html>',
    errorCode: 'HTTP_502',
    apiMessage: 'Bad Gateway (the response body is not JSON)',
  },
];

describe('API failures become typed errors', () => {
  it.each(cases)('when the server answers $status with $name then an ApiError carries it', async (c) => {
    server = await startServer((_req, res) => {
      if (typeof c.reply === 'string') res.writeHead(c.status, { 'content-type': 'text/html' }).end(c.reply);
      else sendJson(res, c.status, c.reply);
    });
    executor = testExecutor();
    const request = apiRequest(server.url, { httpMethod: 'DELETE', path: '/api/2.0/things/delete', query: [['id', '7']], retry: NEVER });
    const err = await rejection(executor.call(request));

    expect(err).toBeInstanceOf(ApiError);
    const api = err as ApiError;
    expect(api.details).toEqual({
      status: c.status,
      errorCode: c.errorCode,
      apiMessage: c.apiMessage,
      httpMethod: 'DELETE',
      path: '/api/2.0/things/delete',
      workspace: server.url,
    });
    expect(api.code).toBe(`API_${c.status}`);
    expect(api.exitCode).toBe(1);
    expect(api.message).not.toContain('id=7');
    expect(api.message.length).toBeLessThan(300);
  });

  it('when a 2xx body is not JSON then it is an error, never an empty result', async () => {
    server = await startServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>'));
    executor = testExecutor();
    const err = await rejection(executor.call(apiRequest(server.url)));
    expect((err as ApiError).details.errorCode).toBe('INVALID_RESPONSE');
  });

  it('when nothing listens on the port then a NetworkError names the request', async () => {
    const url = await closedPortUrl();
    executor = testExecutor();
    const err = await rejection(executor.call(apiRequest(url, { retry: NEVER, query: [['q', 'v']] })));
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.message).toContain('GET /api/2.0/things/list');
    expect(err.message).toContain('ECONNREFUSED');
  });
});
