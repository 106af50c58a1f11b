// Two creates with the same natural key (two identical rows of one INSERT) in flight at once: the
// existence check of one must never take the row the other created for its own. Found while writing
// the fault suite (test/reliability): one create, both reported done, one webhook missing.

import { afterEach, describe, expect, it } from 'vitest';
import type { ApiRequest } from '../../src/plan/types.js';
import type { Executor } from '../../src/execute/types.js';
import { createRequest, testExecutor, URL_X } from './helpers/requests.js';
import { startThingsServer, type Fault, type ThingsServer } from './helpers/things-server.js';

let server: ThingsServer;
let executor: Executor;
afterEach(async () => {
  await executor?.close();
  await server?.close();
});

const create = (url: string): ApiRequest => createRequest(url);

describe('creates that share a natural key', () => {
  it.each<[string, Fault[]]>([
    ['one of them fails before applying (503)', ['ok', '503-before-apply', 'ok']],
    ['one of them is applied but its answer lost', ['ok', 'drop-after-apply']],
    ['both are applied but their answers lost', ['drop-after-apply', 'drop-after-apply']],
  ])('when %s then both rows exist, each reported once', async (_name, faults) => {
    server = await startThingsServer({ faults });
    executor = testExecutor();
    const results = (await Promise.all([executor.call(create(server.url)), executor.call(create(server.url))])) as { id: string }[];
    expect(server.things).toHaveLength(2);
    expect(new Set(results.map((r) => r.id))).toEqual(new Set(server.things.map((t) => t.id)));
  });

  it('creates with different keys still run side by side', async () => {
    server = await startThingsServer({});
    executor = testExecutor();
    const other = { ...create(server.url), body: { model_name: 'm', spec: { url: `${URL_X}/2` } } };
    const otherCheck = { ...other, existenceCheck: { ...create(server.url).existenceCheck!, key: { model_name: 'm', 'spec.url': `${URL_X}/2` } } };
    await Promise.all([executor.call(create(server.url)), executor.call(otherCheck)]);
    const lists = server.requests.filter((r) => r.path.endsWith('/list')).map((r) => server.requests.indexOf(r));
    const posts = server.requests.filter((r) => r.path.endsWith('/create')).map((r) => server.requests.indexOf(r));
    // Both existence checks were sent before either create: nothing waited for the other key.
    expect(Math.max(...lists.slice(0, 2))).toBeLessThan(Math.min(...posts));
  });
});
