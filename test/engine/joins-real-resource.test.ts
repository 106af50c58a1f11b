// The join shapes of issue 12 on the real webhooks resource, against the emulator: a LEFT JOIN whose ON
// carries the joined side's workspace and filters and an EXISTS over json_each(alias.col), each side
// listed once with its own pushdown; and the workspace of one side fed from the other side's rows.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine.js';
import { rowObject } from '../../src/cli/render-result.js';
import { DEFAULT_ADMIN_TOKEN, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import type { StatementResult } from '../../src/result.js';
import { tempHome } from '../helpers/temp-home.js';

const RES = 'databricks_workspace.ml.model_registry_webhooks';
let emu: RunningEmulator;
let engine: Engine;
let since = 0;

const objects = (r: StatementResult) => r.rows.map((row) => rowObject(r.columns, row));
const run = async (sql: string) => (await engine.run(sql.replaceAll('{{ W }}', emu.url)))[0];

/** `GET /api/…?query` of each request the emulator saw since the last call. */
async function seen(): Promise<string[]> {
  const res = await fetch(`${emu.url}/__emulator/requests`, { headers: { authorization: `Bearer ${DEFAULT_ADMIN_TOKEN}` } });
  const all = ((await res.json()) as { requests: { seq: number; method: string; path: string; query: string }[] }).requests;
  const fresh = all.filter((r) => r.seq > since && !r.path.startsWith('/__emulator'));
  since = Math.max(since, ...all.map((r) => r.seq));
  return fresh.map((r) => `${r.method} ${r.path}${r.query ? `?${decodeURIComponent(r.query)}` : ''}`);
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  engine = createEngine({ env: { DATABRICKS_TOKEN: DEFAULT_ADMIN_TOKEN, DATABRICKS_CONFIG_FILE: '/nonexistent', HOOKQL_HOME: tempHome() } });
  await run(
    `INSERT INTO ${RES} (workspace, model_name, events, http_url_spec, status) VALUES
      ('{{ W }}', 'churn', '["MODEL_VERSION_TRANSITIONED_TO_PRODUCTION"]', '{"url": "https://hooks.example.com/1"}', 'ACTIVE'),
      ('{{ W }}', 'fraud', '["MODEL_VERSION_TRANSITIONED_TO_PRODUCTION"]', '{"url": "https://hooks.example.com/2"}', 'DISABLED'),
      ('{{ W }}', 'fraud', '["COMMENT_CREATED"]', '{"url": "https://hooks.example.com/3"}', 'ACTIVE'),
      ('{{ W }}', 'ranker', '["COMMENT_CREATED"]', '{"url": "https://hooks.example.com/4"}', 'ACTIVE')`,
  );
});
afterAll(async () => {
  await engine.close();
  await emu.close();
});
beforeEach(async () => {
  await seen();
});

describe('joins over the webhooks resource', () => {
  it('the coverage LEFT JOIN: the models with no ACTIVE production-transition hook, in two listings', async () => {
    const result = await run(
      `SELECT DISTINCT m.model_name FROM ${RES} m
       LEFT JOIN ${RES} w
         ON w.model_name = m.model_name AND w.workspace = '{{ W }}' AND w.status = 'ACTIVE'
        AND EXISTS (SELECT 1 FROM json_each(w.events) e WHERE e.value = 'MODEL_VERSION_TRANSITIONED_TO_PRODUCTION')
       WHERE m.workspace = '{{ W }}' AND w.id IS NULL ORDER BY 1`,
    );
    expect(objects(result)).toEqual([{ model_name: 'fraud' }, { model_name: 'ranker' }]);
    // model_name is an optional filter of the listing: compared with the other side's column it is
    // checked locally, never fanned out per model.
    expect(await seen()).toEqual(['GET /api/2.0/mlflow/registry-webhooks/list?max_results=1000', 'GET /api/2.0/mlflow/registry-webhooks/list?max_results=1000']);
  });

  it('a WHERE condition on the right side of the join is pushed to that side’s own request', async () => {
    const result = await run(
      `SELECT count(*) AS n FROM ${RES} a JOIN ${RES} b ON b.model_name = a.model_name AND b.workspace = '{{ W }}'
       WHERE a.workspace = '{{ W }}' AND b.model_name = 'fraud' AND a.events = '["COMMENT_CREATED"]'`,
    );
    expect(objects(result)).toEqual([{ n: 2 }]);
    expect((await seen()).sort()).toEqual([
      'GET /api/2.0/mlflow/registry-webhooks/list?events=COMMENT_CREATED&max_results=1000',
      'GET /api/2.0/mlflow/registry-webhooks/list?model_name=fraud&max_results=1000',
    ]);
  });

  it('the workspace of one side fed from the other side’s rows', async () => {
    const result = await run(
      `SELECT a.model_name, count(*) AS n FROM ${RES} a JOIN ${RES} b ON b.model_name = a.model_name AND b.workspace = a.workspace
       WHERE a.workspace = '{{ W }}' AND a.status = 'DISABLED' GROUP BY 1`,
    );
    expect(objects(result)).toEqual([{ model_name: 'fraud', n: 2 }]);
    expect(await seen()).toEqual(['GET /api/2.0/mlflow/registry-webhooks/list?max_results=1000', 'GET /api/2.0/mlflow/registry-webhooks/list?max_results=1000']);
  });
});
