import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../../src/errors.js';
import type { ApiRequest } from '../../src/plan/types.js';
import type { Executor } from '../../src/execute/types.js';
import { apiRequest, CREATE, createRequest, DELETE, rejection, SAFE, testExecutor, URL_X } from './helpers/requests.js';
import { startThingsServer, type Fault, type Thing, type ThingsServer } from './helpers/things-server.js';

let server: ThingsServer;
let executor: Executor;
afterEach(async () => {
  await executor?.close();
  await server?.close();
});

// Same natural key as the one we create: a check must not mistake it for our create.
const EXISTING: Thing = { id: '1', model_name: 'm', spec: { url: URL_X } };


async function setup(faults: Fault[], failListAfter?: number): Promise<void> {
  server = await startThingsServer({ things: [EXISTING], faults, failListAfter });
  executor = testExecutor();
}

describe('creates (mode check-then-retry)', () => {
  it.each([
    { name: 'the connection drops after the create was applied', fault: 'drop-after-apply' as const },
    { name: 'a 503 comes back after the create was applied', fault: '503-after-apply' as const },
  ])('when $name then the created row is found by listing and no duplicate is created', async ({ fault }) => {
    await setup([fault]);
    const result = await executor.call(createRequest(server.url));

    expect(result).toEqual({ id: '100', model_name: 'm', spec: { url: URL_X } });
    expect(server.count('POST', '/create')).toBe(1);
    expect(server.things).toHaveLength(2);
    expect(server.count('GET', '/list')).toBe(2); // once before the first attempt, once to check
  });

  it.each([
    { name: 'a 503 before anything was applied', fault: '503-before-apply' as const },
    { name: 'the connection drops before anything was applied', fault: 'drop-before-apply' as const },
  ])('when $name then the check finds nothing new and the create is sent again', async ({ fault }) => {
    await setup([fault, 'ok']);
    const result = await executor.call(createRequest(server.url));

    expect(result).toEqual({ id: '100', model_name: 'm', spec: { url: URL_X } });
    expect(server.count('POST', '/create')).toBe(2);
    expect(server.things).toHaveLength(2);
    expect(executor.stats.retries).toBe(1);
  });

  it('when the create is throttled (429) then it is retried without a check: nothing was applied', async () => {
    await setup(['429', 'ok']);
    await executor.call(createRequest(server.url));
    expect(server.count('POST', '/create')).toBe(2);
    expect(server.count('GET', '/list')).toBe(1);
  });

  it('when there is no existence check then an ambiguous failure is not retried and says so', async () => {
    await setup(['drop-after-apply']);
    const err = await rejection(executor.call(createRequest(server.url, false)));
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.message).toContain('may or may not have been applied');
    expect(server.count('POST', '/create')).toBe(1);
  });

  it('when every attempt fails before applying then the error says the attempts and that nothing was applied', async () => {
    await setup(['503-before-apply', '503-before-apply']);
    const request = createRequest(server.url);
    const err = await rejection(executor.call({ ...request, retry: { ...CREATE, attempts: 2 } }));
    expect(err.message).toContain('gave up after 2 attempts; a check found it was not applied');
    expect(server.things).toEqual([EXISTING]);
  });

  it('when the listing before the first attempt fails then the create is not sent, and the error says so', async () => {
    await setup([], 0);
    const err = await rejection(executor.call(createRequest(server.url)));
    expect(err.message).toContain('(listing before the create failed, so it was not sent: nothing was created)');
    expect(server.count('POST', '/create')).toBe(0);
  });

  it('when the check itself fails then the create is reported as possibly applied, not retried', async () => {
    await setup(['drop-after-apply'], 1);
    const err = await rejection(executor.call(createRequest(server.url)));
    expect(err.message).toContain('may or may not have been applied; checking failed');
    expect(server.count('POST', '/create')).toBe(1);
  });
});

describe('deletes (notFoundAfterRetryIsSuccess)', () => {
  const deleteRequest = (url: string, retry = DELETE): ApiRequest =>
    apiRequest(url, { method: 'delete', httpMethod: 'DELETE', path: '/api/2.0/things/delete', query: [['id', '1']], retry });

  it('when the first delete is applied but its answer lost then the 404 of the retry counts as success', async () => {
    await setup(['drop-after-apply']);
    await expect(executor.call(deleteRequest(server.url))).resolves.toEqual({});
    expect(server.count('DELETE', '/delete')).toBe(2);
    expect(server.things).toEqual([]);
  });

  it('when the first attempt answers 404 then it is an error (nothing says it was ever there)', async () => {
    await setup([]);
    server.things.length = 0;
    const err = await rejection(executor.call(deleteRequest(server.url)));
    expect((err as ApiError).details.status).toBe(404);
  });

  it('when the policy does not allow it then a 404 after a retry is an error', async () => {
    await setup(['drop-after-apply']);
    const err = await rejection(executor.call(deleteRequest(server.url, SAFE)));
    expect((err as ApiError).details.errorCode).toBe('RESOURCE_DOES_NOT_EXIST');
  });
});
