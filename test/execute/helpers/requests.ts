// Builders for the plain data execute/ consumes, with small delays so retry tests stay fast.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RetryPolicy } from '../../../src/definition/types.js';
import type { ApiRequest } from '../../../src/plan/types.js';
import { createExecutor, type ExecutorOptions } from '../../../src/execute/index.js';
import type { Executor } from '../../../src/execute/types.js';

export const PAT = 'dapi-test-secret-0123456789';

export const SAFE: RetryPolicy = {
  attempts: 4,
  baseDelayMs: 1,
  maxDelayMs: 5,
  retryOn: [429, 500, 502, 503, 504],
  retryNetworkErrors: true,
  mode: 'safe',
  notFoundAfterRetryIsSuccess: false,
};

export const NEVER: RetryPolicy = { ...SAFE, attempts: 1, mode: 'never' };
export const CREATE: RetryPolicy = { ...SAFE, mode: 'check-then-retry' };
export const DELETE: RetryPolicy = { ...SAFE, notFoundAfterRetryIsSuccess: true };

export function apiRequest(workspace: string, overrides: Partial<ApiRequest> = {}): ApiRequest {
  return {
    kind: 'api-request',
    resource: 'acme.svc.things',
    method: 'list',
    workspace,
    httpMethod: 'GET',
    path: '/api/2.0/things/list',
    query: [],
    body: null,
    pagination: null,
    objectKey: null,
    alternativeKeys: [],
    retry: SAFE,
    existenceCheck: null,
    ...overrides,
  };
}

export function listRequest(workspace: string, overrides: Partial<ApiRequest> = {}): ApiRequest {
  return apiRequest(workspace, {
    objectKey: '$.things',
    pagination: { requestToken: 'page_token', responseToken: 'next_page_token' },
    ...overrides,
  });
}

/** An executor that sees only the given environment (no real ~/.databrickscfg). */
export function testExecutor(options: Partial<ExecutorOptions> = {}): Executor {
  return createExecutor({
    env: { DATABRICKS_TOKEN: PAT, DATABRICKS_CONFIG_FILE: join(tmpdir(), 'hookql-no-such-file.cfg') },
    homeDir: mkdtempSync(join(tmpdir(), 'hookql-home-')),
    ...options,
  });
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

/** The natural-key target every create test uses. */
export const URL_X = 'https://hooks.example.com/x';

/** A create of model `m` → URL_X, with the existence check a definition with a natural key gives it. */
export function createRequest(workspace: string, withCheck = true): ApiRequest {
  return apiRequest(workspace, {
    method: 'create',
    httpMethod: 'POST',
    path: '/api/2.0/things/create',
    body: { model_name: 'm', spec: { url: URL_X } },
    objectKey: '$.thing',
    retry: CREATE,
    existenceCheck: withCheck
      ? { list: listRequest(workspace, { query: [['model_name', 'm']] }), key: { model_name: 'm', 'spec.url': URL_X, 'job.id': undefined }, idField: 'id' }
      : null,
  });
}
