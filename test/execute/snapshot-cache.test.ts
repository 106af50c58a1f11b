import { describe, expect, it } from 'vitest';
import { createSnapshotCache, type ListRows } from '../../src/execute/existence-check.js';
import type { Operation } from '../../src/execute/operation.js';
import type { ExistenceCheck } from '../../src/plan/types.js';

const list = { kind: 'api-request', workspace: 'w', path: '/list', query: [] } as unknown as ExistenceCheck['list'];
const check = (url: string): ExistenceCheck => ({ list, key: { url }, idField: 'id' });
const op = {} as Operation;

function counter(rows: unknown[]): ListRows & { calls: number } {
  const fn = (async function* () {
    fn.calls++;
    yield rows;
  }) as unknown as ListRows & { calls: number };
  fn.calls = 0;
  return fn;
}

describe('the shared "before" listing of creates', () => {
  it('lists once for many creates with different natural keys', async () => {
    const cache = createSnapshotCache();
    const listRows = counter([{ id: '1', url: 'a' }]);
    await Promise.all(['a', 'b', 'c'].map((u) => cache.before(check(u), listRows, op)));
    expect(listRows.calls).toBe(1);
  });

  it('lists again for a second create with the same key, so our own first row is not taken for it', async () => {
    const cache = createSnapshotCache();
    const listRows = counter([]);
    await cache.before(check('a'), listRows, op);
    await cache.before(check('a'), listRows, op);
    expect(listRows.calls).toBe(2);
  });

  it('lists again once the snapshot is older than its time to live', async () => {
    let t = 0;
    const cache = createSnapshotCache(1000, () => t);
    const listRows = counter([]);
    await cache.before(check('a'), listRows, op);
    t = 1001;
    await cache.before(check('b'), listRows, op);
    expect(listRows.calls).toBe(2);
  });
});

describe('an unfiltered listing of the workspace as the "before" state', () => {
  const unfilteredList = { ...list, query: [] } as unknown as ExistenceCheck['list'];

  it('serves every later create of that workspace with no request', async () => {
    const cache = createSnapshotCache();
    cache.recordUnfiltered(unfilteredList, [{ id: '1', url: 'a' }]);
    const listRows = counter([]);
    const rows = await Promise.all(['a', 'b'].map((u) => cache.before(check(u), listRows, op)));
    expect(listRows.calls).toBe(0);
    expect(rows[0]).toEqual([{ id: '1', url: 'a' }]);
  });

  it('still lists afresh for a second create with the same key', async () => {
    const cache = createSnapshotCache();
    cache.recordUnfiltered(unfilteredList, []);
    const listRows = counter([]);
    await cache.before(check('a'), listRows, op);
    await cache.before(check('a'), listRows, op);
    expect(listRows.calls).toBe(1);
  });

  it('is not used once older than its time to live', async () => {
    let t = 0;
    const cache = createSnapshotCache(1000, () => t);
    cache.recordUnfiltered(unfilteredList, []);
    t = 1001;
    const listRows = counter([]);
    await cache.before(check('a'), listRows, op);
    expect(listRows.calls).toBe(1);
  });
});
