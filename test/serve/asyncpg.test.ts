// asyncpg (Python) against hookql serve. asyncpg prepares every query first (Parse, Describe
// statement, Sync) and binds it after, asking for binary results: hookql runs a read without
// parameters at Describe time to give its columns, and answers in binary. asyncpg comes from the
// machine's package index; without it this suite is skipped, saying so.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, pythonWith, RESOURCE, runProcess, startFixture, USER, type ServeFixture } from './helpers.js';

const python = pythonWith('asyncpg', 'pip install asyncpg', 'asyncpg');

const SCRIPT = `
import asyncio, json, sys, asyncpg
async def main():
    port, password, workspace, resource = sys.argv[1:5]
    conn = await asyncpg.connect(host="127.0.0.1", port=int(port), user="${USER}", password=password, database="hookql")
    rows = await conn.fetch(f"SELECT model_name, creation_timestamp, status FROM {resource} WHERE workspace = '{workspace}' ORDER BY model_name")
    out = {"rows": [[r["model_name"], isinstance(r["creation_timestamp"], int), r["status"]] for r in rows]}
    try:
        await conn.fetch(f"SELECT nope FROM {resource} WHERE workspace = '{workspace}'")
    except asyncpg.PostgresError as e:
        out["error"] = [e.sqlstate, e.message]
    out["n"] = await conn.fetchval(f"SELECT count(*) FROM {resource} WHERE workspace = '{workspace}'")
    await conn.close()
    print(json.dumps(out))
asyncio.run(main())
`;

// $n parameters: asyncpg describes the statement before binding and encodes each value by the type
// the server declared for it (an int for LIMIT, a str for a text column), then decodes the binary
// result by the columns it was told.
const PARAMS = `
import asyncio, json, sys, asyncpg
async def main():
    port, password, workspace, resource = sys.argv[1:5]
    conn = await asyncpg.connect(host="127.0.0.1", port=int(port), user="${USER}", password=password, database="hookql")
    stmt = await conn.prepare(f"SELECT model_name, creation_timestamp, status, events FROM {resource} WHERE workspace = $1 AND status = $2 ORDER BY model_name LIMIT $3")
    out = {"params": [t.name for t in stmt.get_parameters()], "columns": [[a.name, a.type.name] for a in stmt.get_attributes()]}
    rows = await stmt.fetch(workspace, "ACTIVE", 1)
    out["rows"] = [[r["model_name"], r["creation_timestamp"] > 0, r["status"], json.loads(r["events"])] for r in rows]
    out["one"] = await conn.fetchval(f"SELECT count(*) FROM {resource} WHERE workspace = $1 AND model_name = $2", workspace, "fraud")
    out["again"] = [r["model_name"] for r in await stmt.fetch(workspace, "ACTIVE", 5)]
    out["newer"] = await conn.fetchval(f"SELECT count(*) FROM {resource} WHERE workspace = $1 AND creation_timestamp > $2", workspace, 0)
    try:
        await conn.fetch(f"SELECT nope FROM {resource} WHERE workspace = $1", workspace)
    except asyncpg.PostgresError as e:
        out["error"] = [e.sqlstate, e.message]
    await conn.close()
    print(json.dumps(out))
asyncio.run(main())
`;

describe.skipIf(python === null)('asyncpg against hookql serve', () => {
  let fixture: ServeFixture;
  beforeAll(async () => {
    fixture = await startFixture({ models: ['churn', 'fraud'] });
  });
  afterAll(() => fixture?.close());

  it('fetches prepared (described-before-bound) queries in binary, and gets errors as exceptions', async () => {
    const r = await runProcess(python as string, ['-c', SCRIPT, String(fixture.server.port), PASSWORD, fixture.workspace, RESOURCE], {});
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({
      rows: [
        ['churn', true, 'ACTIVE'],
        ['fraud', true, 'ACTIVE'],
      ],
      error: ['42703', "unknown column 'nope' in databricks_workspace.ml.model_registry_webhooks"],
      n: 2,
    });
  });

  it('prepares $n statements: described before bind with typed parameters and columns', async () => {
    const r = await runProcess(python as string, ['-c', PARAMS, String(fixture.server.port), PASSWORD, fixture.workspace, RESOURCE], {});
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({
      params: ['text', 'text', 'int8'],
      columns: [
        ['model_name', 'text'],
        ['creation_timestamp', 'int8'],
        ['status', 'text'],
        ['events', 'json'],
      ],
      rows: [['churn', true, 'ACTIVE', ['MODEL_VERSION_CREATED']]],
      one: 1,
      again: ['churn', 'fraud'],
      newer: 2,
      error: ['42703', "unknown column 'nope' in databricks_workspace.ml.model_registry_webhooks"],
    });
  });
});
