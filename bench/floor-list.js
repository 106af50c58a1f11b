// The floor for B1: the least a client can do to count a workspace's webhooks — undici, one
// keep-alive connection, every page fetched in turn, JSON parsed, items counted. Nothing else.
//
//   node bench/floor-list.js <base-url> <token> <page-size>

import { Agent, request } from 'undici';

const [base, token, pageSize] = process.argv.slice(2);
const dispatcher = new Agent({ keepAliveTimeout: 10_000 });
let count = 0;
let pageToken = null;
do {
  const query = new URLSearchParams({ max_results: pageSize });
  if (pageToken) query.set('page_token', pageToken);
  const res = await request(`${base}/api/2.0/mlflow/registry-webhooks/list?${query}`, {
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
    dispatcher,
  });
  const body = await res.body.json();
  if (res.statusCode !== 200) throw new Error(`list: ${res.statusCode} ${JSON.stringify(body)}`);
  count += (body.webhooks ?? []).length;
  pageToken = body.next_page_token ?? null;
} while (pageToken);
await dispatcher.close();
process.stdout.write(`${count}\n`);
