// A 429 from one workspace slows that workspace only: the other workspace's listing runs to its end
// meanwhile, the throttled one waits out its Retry-After before its next request, and the result is
// complete (every row of both).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hookql } from '../helpers/run-cli.js';
import { sendJson, startServer, type TestServer } from '../execute/helpers/test-server.js';
import { fleetEnv, requestLog, seed, startFleet, type Fleet } from './fleet-support.js';

let fleet: Fleet;
let throttled: TestServer;
const seen: number[] = [];

beforeAll(async () => {
  fleet = await startFleet(1);
  await seed(fleet.urls[0], 5); // 6 hooks, listed 1 per page
  let calls = 0;
  // The throttled workspace: its first answer is a 429 with Retry-After: 1, then one page of 3 hooks.
  throttled = await startServer((_req, res) => {
    seen.push(Date.now());
    if (calls++ === 0) {
      res.setHeader('retry-after', '1');
      return sendJson(res, 429, { error_code: 'REQUEST_LIMIT_EXCEEDED', message: 'Too many requests' });
    }
    sendJson(res, 200, { webhooks: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] });
  });
}, 30_000);
afterAll(async () => Promise.all([fleet?.close(), throttled?.close()]));

it('the healthy workspace finishes while the throttled one waits out its Retry-After; both are complete', async () => {
  const sql = `SELECT workspace, count(*) AS n FROM databricks_workspace.ml.model_registry_webhooks
               WHERE workspace IN ('${throttled.url}', '${fleet.urls[0]}') AND max_results = 1 GROUP BY workspace ORDER BY n`;
  const run = await hookql(['exec', '-o', 'json', sql], { env: fleetEnv(null) });
  expect(run.stderr).toBe('');
  expect(JSON.parse(run.stdout)).toEqual([
    { workspace: throttled.url, n: 3 },
    { workspace: fleet.urls[0], n: 6 },
  ]);
  const healthy = (await requestLog(fleet.urls[0])).filter((r) => r.path.endsWith('/list'));
  expect(healthy.length).toBeGreaterThanOrEqual(6);
  // Every page of the healthy workspace was fetched before the throttled one was asked again…
  expect(Math.max(...healthy.map((r) => r.timestamp))).toBeLessThan(seen[1]);
  // …and the throttled one was asked again only after its Retry-After.
  expect(seen).toHaveLength(2);
  expect(seen[1] - seen[0]).toBeGreaterThanOrEqual(950);
});
