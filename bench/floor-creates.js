// The floor for B4's creates: the least a client can do to make the manifest's 1,000 webhooks at
// 16 in flight — undici, 16 keep-alive connections, each create's JSON body sent and its answer
// read. No start-up work, no manifest, no plan, no listing before or after. Prints the loop's own
// wall time in ms (the process start is not in it).
//
//   node bench/floor-creates.js <base-url> <token> <count> <concurrency>

import { Agent, request } from 'undici';
import { createBodies } from './make-manifest.js';

const [base, token, count, concurrency] = process.argv.slice(2);
const bodies = createBodies(Number(count)).map((body) => JSON.stringify(body));
const dispatcher = new Agent({ connections: Number(concurrency), keepAliveTimeout: 10_000 });
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' };
let next = 0;
async function worker() {
  while (next < bodies.length) {
    const body = bodies[next++];
    const res = await request(`${base}/api/2.0/mlflow/registry-webhooks/create`, { method: 'POST', headers, body, dispatcher });
    const answer = await res.body.json();
    if (res.statusCode !== 200 || typeof answer.webhook?.id !== 'string') throw new Error(`create: ${res.statusCode} ${JSON.stringify(answer)}`);
  }
}
const started = performance.now();
await Promise.all(Array.from({ length: Number(concurrency) }, worker));
const ms = performance.now() - started;
await dispatcher.close();
process.stdout.write(`${ms.toFixed(1)}\n`);
