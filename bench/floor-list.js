import { request, Agent } from 'undici';
const [base, token, pageSize] = process.argv.slice(2);
const dispatcher = new Agent({ keepAliveTimeout: 10_000 });
let count = 0, tok = null;
do {
  const q = new URLSearchParams({ max_results: pageSize });
  if (tok) q.set('page_token', tok);
  const res = await request(`${base}/api/2.0/mlflow/registry-webhooks/list?${q}`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' }, dispatcher });
  const body = await res.body.json();
  count += (body.webhooks ?? []).length;
  tok = body.next_page_token ?? null;
} while (tok);
await dispatcher.close();
process.stdout.write(`${count}\n`);
