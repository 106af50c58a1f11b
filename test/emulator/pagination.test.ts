// List pagination: default page 1000 (the legacy proto's default), max 1000, opaque tokens, filters applied on every page, no empty
// page with a token, and a walk that neither skips nor repeats under concurrent creates and deletes.

import { beforeEach, describe, expect, it } from 'vitest';
import { BASE, create, httpHook, reset, useEmulator, type Client } from './helpers.js';

const ctx = useEmulator();

beforeEach(() => reset(ctx.api));

async function seed(api: Client, count: number, modelNames?: string[]): Promise<void> {
  const reply = await api.send('POST', '/__emulator/seed', { body: { count, model_names: modelNames } });
  expect(reply.body).toEqual({ created: count });
}

/** Follows next_page_token to the end, like the Go and Python SDKs; `between` runs between pages. */
async function walk(api: Client, query: string, between?: (page: number) => Promise<void>) {
  const pages: Array<{ size: number; token?: string }> = [];
  const ids: string[] = [];
  let token: string | undefined;
  do {
    const q = [query, token ? `page_token=${encodeURIComponent(token)}` : ''].filter(Boolean).join('&');
    const reply = await api.send('GET', `${BASE}/list`, { query: q });
    expect(reply.status).toBe(200);
    const webhooks = reply.body.webhooks ?? [];
    token = reply.body.next_page_token;
    pages.push({ size: webhooks.length, token });
    ids.push(...webhooks.map((w: { id: string }) => w.id));
    if (token) expect(webhooks.length).toBeGreaterThan(0); // never an empty page with a token
    if (between && token) await between(pages.length);
  } while (token);
  return { pages, ids };
}

describe('pagination', () => {
  it.each([
    // Was 100 (invented); the legacy proto's default is 1000 (issue 11).
    ['the default page size is 1000', '', 1250, [1000, 250]],
    ['max_results picks the size', 'max_results=7', 20, [7, 7, 6]],
    ['max_results=1000 is allowed', 'max_results=1000', 1001, [1000, 1]],
    ['an exact multiple ends without a token, not with an empty page', 'max_results=5', 10, [5, 5]],
    ['max_results=0 means the default', 'max_results=0', 1001, [1000, 1]],
  ])('%s', async (_name, query, count, sizes) => {
    await seed(ctx.api, count);
    const { pages, ids } = await walk(ctx.api, query);
    expect(pages.map((p) => p.size)).toEqual(sizes);
    expect(pages[pages.length - 1].token).toBeUndefined();
    expect(new Set(ids).size).toBe(count);
  });

  it('re-applies the filters on every page', async () => {
    await seed(ctx.api, 30, ['a', 'b', 'c']);
    const { ids, pages } = await walk(ctx.api, 'model_name=b&max_results=4');
    expect(ids).toHaveLength(10);
    expect(pages.map((p) => p.size)).toEqual([4, 4, 2]);
    const all = (await ctx.api.send('GET', `${BASE}/list`, { query: 'model_name=b' })).body.webhooks;
    expect(all.map((w: { id: string }) => w.id)).toEqual(ids);
  });

  it('uses the filters sent with each page, not ones baked into the token', async () => {
    await seed(ctx.api, 6, ['a', 'b']);
    const first = await ctx.api.send('GET', `${BASE}/list`, { query: 'max_results=2' });
    const second = await ctx.api.send('GET', `${BASE}/list`, { query: `model_name=a&page_token=${first.body.next_page_token}` });
    expect(second.body.webhooks.every((w: { model_name: string }) => w.model_name === 'a')).toBe(true);
  });

  it('neither skips nor repeats a webhook under concurrent creates and deletes', async () => {
    await seed(ctx.api, 50);
    const initial = (await ctx.api.send('GET', `${BASE}/list`)).body.webhooks.map((w: { id: string }) => w.id) as string[];
    const deleted = new Set<string>();
    const created: string[] = [];
    const { ids } = await walk(ctx.api, 'max_results=10', async (page) => {
      // Delete one hook already seen and one not yet seen, and create one, between every two pages.
      for (const id of [initial[page * 10 - 5], initial[page * 10 + 3]]) {
        if (id && !deleted.has(id)) {
          deleted.add(id);
          await ctx.api.send('DELETE', `${BASE}/delete`, { query: `id=${id}` });
        }
      }
      created.push((await create(ctx.api, httpHook())).id);
    });
    expect(new Set(ids).size).toBe(ids.length); // nothing repeated
    const survivors = initial.filter((id) => !deleted.has(id));
    for (const id of survivors) expect(ids).toContain(id); // nothing that existed throughout was skipped
    const unseenDeleted = [...deleted].filter((id) => initial.indexOf(id) % 10 === 3);
    for (const id of unseenDeleted) expect(ids).not.toContain(id);
    for (const id of created) expect(ids).toContain(id); // creates land after the cursor
  });

  it('answers a last page emptied by deletes with no webhooks and no token', async () => {
    await seed(ctx.api, 4);
    const first = await ctx.api.send('GET', `${BASE}/list`, { query: 'max_results=2' });
    const rest = (await ctx.api.send('GET', `${BASE}/list`)).body.webhooks.slice(2);
    for (const w of rest) await ctx.api.send('DELETE', `${BASE}/delete`, { query: `id=${w.id}` });
    const second = await ctx.api.send('GET', `${BASE}/list`, { query: `max_results=2&page_token=${first.body.next_page_token}` });
    expect(second).toMatchObject({ status: 200, body: {} });
  });
});
