// The floor for B7's inventory: the least a client can do to count every workspace's webhooks at
// 8 requests in flight overall — undici, keep-alive, each workspace's pages followed one after the
// other (a page's token is in its answer), every page's JSON parsed and its items counted. No
// start-up work, no SQL, no scratch table, no credentials to resolve. Prints the workspaces that had
// the expected count and the loop's own wall time in ms (the process start is not in it).
//
//   node bench/floor-fleet.js <token> <page-size> <concurrency> <expected-per-workspace> <url>...

import { Agent, request } from 'undici';
import { createLimiter } from '../dist/execute/limiter.js';

const [token, pageSize, concurrency, expected, ...urls] = process.argv.slice(2);
const dispatcher = new Agent({ keepAliveTimeout: 10_000 });
const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };

// At most `concurrency` requests in flight, handed out first come, first served (hookql's own
// limiter: a semaphore, not its request path).
const limiter = createLimiter(Number(concurrency));

async function count(url) {
  let total = 0;
  let pageToken = null;
  do {
    const query = new URLSearchParams({ max_results: pageSize, ...(pageToken ? { page_token: pageToken } : {}) });
    const body = await limiter.run(async () => {
      const res = await request(`${url}/api/2.0/mlflow/registry-webhooks/list?${query}`, { headers, dispatcher });
      const json = await res.body.json();
      if (res.statusCode !== 200) throw new Error(`list ${url}: ${res.statusCode} ${JSON.stringify(json)}`);
      return json;
    });
    total += (body.webhooks ?? []).length;
    pageToken = body.next_page_token || null;
  } while (pageToken);
  return total;
}

const started = performance.now();
const counts = await Promise.all(urls.map(count));
const ms = performance.now() - started;
await dispatcher.close();
process.stdout.write(`${counts.filter((n) => n === Number(expected)).length} ${ms.toFixed(1)}\n`);
