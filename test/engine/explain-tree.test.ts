// EXPLAIN reads as a short tree of what will happen; EXPLAIN (FORMAT JSON) keeps the whole plan.

import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';
import { tempHome } from '../helpers/temp-home.js';

const RES = 'databricks_workspace.ml.model_registry_webhooks';
const explain = async (sql: string) => {
  const engine = createEngine({ env: { DATABRICKS_CONFIG_FILE: '/nonexistent', HOOKQL_HOME: tempHome() } });
  try {
    const [result] = await engine.run(sql);
    return result;
  } finally {
    await engine.close();
  }
};

describe('EXPLAIN as a tree', () => {
  it('a SELECT: workspaces, request, pages, what is pushed down, what is checked locally, the local SQL', async () => {
    const result = await explain(`EXPLAIN SELECT id FROM ${RES} WHERE workspace IN ('local', 'prod') AND model_name = 'churn' AND status = 'ACTIVE' LIMIT 5`);
    expect(result.columns).toEqual([{ name: 'plan', type: 'text' }]);
    expect(result.rows.map((r) => r[0])).toEqual([
      'SELECT: nothing is changed',
      `├─ scan ${RES}`,
      '│  ├─ 2 workspaces, one request each: local, prod',
      '│  ├─ GET /api/2.0/mlflow/registry-webhooks/list?model_name=churn',
      '│  ├─ pages: all of them (next_page_token → page_token), 1000 per page',
      "│  ├─ pushed down: model_name = 'churn'",
      "│  └─ checked locally: workspace IN ('local', 'prod') AND model_name = 'churn' AND status = 'ACTIVE'",
      `└─ local SQL (SQLite): SELECT id FROM ${RES} WHERE workspace IN ('local', 'prod') AND model_name = 'churn' AND status = 'ACTIVE' LIMIT 5`,
    ]);
  });

  it('a write: each request with its body, secrets as ***, and how it is retried', async () => {
    const result = await explain(
      `EXPLAIN INSERT INTO ${RES} (workspace, events, http_url_spec) VALUES ('local', '["COMMENT_CREATED"]', '{"url": "https://h.example.com", "secret": "hush-9f3"}') RETURNING id`,
    );
    const lines = result.rows.map((r) => String(r[0]));
    expect(lines[0]).toBe(`INSERT on ${RES}: 1 create request`);
    expect(lines[1]).toBe('├─ POST /api/2.0/mlflow/registry-webhooks/create on local');
    expect(lines[2]).toBe('│  └─ body: {"events":["COMMENT_CREATED"],"http_url_spec":{"url":"https://h.example.com","secret":"***"}}');
    expect(lines[3]).toMatch(/^├─ retries: 3 attempts on 429, 500, 502, 503, 504, network errors; after an ambiguous failure a listing checks/);
    expect(lines[4]).toBe('└─ returns: id');
    expect(lines.join('\n')).not.toContain('hush-9f3');
  });

  it('EXPLAIN (FORMAT JSON) is the full plan as one JSON value', async () => {
    const result = await explain(`EXPLAIN (FORMAT JSON) SELECT id FROM ${RES} WHERE workspace = 'local'`);
    expect(result.columns).toEqual([{ name: 'plan', type: 'json' }]);
    const plan = JSON.parse(String(result.rows[0][0]));
    expect(plan.kind).toBe('query');
    expect(plan.scans[0].requests[0]).toMatchObject({ method: 'list', workspace: 'local', httpMethod: 'GET' });
  });

  it('an unknown EXPLAIN option is refused', async () => {
    await expect(explain(`EXPLAIN (ANALYZE) SELECT 1`)).rejects.toThrow('EXPLAIN takes one option: (FORMAT JSON) or (FORMAT TEXT)');
  });
});
