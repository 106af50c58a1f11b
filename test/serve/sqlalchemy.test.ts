// SQLAlchemy 2 (Python) against hookql serve, over both of its PostgreSQL drivers: psycopg 3 and
// asyncpg. SQLAlchemy sends its own queries at connect time (version(), current_schema(),
// standard_conforming_strings, the hstore type's OID via to_regtype) and its inspector reads
// pg_catalog (`relkind = ANY (ARRAY[…])`, get_columns' pg_sequence / json_build_object lookups); queries with :name parameters become $n (asyncpg:
// described before bound) or server-side bound %s (psycopg, here also prepared: prepare=True).
// SQLAlchemy, greenlet, psycopg and asyncpg come from the machine's package index (.ci/run installs
// them); without them this suite is skipped, saying so.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, pythonWith, RESOURCE, runProcess, startFixture, USER, type ServeFixture } from './helpers.js';

const python = pythonWith('sqlalchemy, greenlet, psycopg, asyncpg', 'pip install "sqlalchemy[asyncio]" psycopg asyncpg', 'SQLAlchemy');

const SCRIPT = `
import asyncio, json, sys
from urllib.parse import quote
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.ext.asyncio import create_async_engine
port, password, workspace, resource = sys.argv[1:5]
url = f"://${USER}:{quote(password, safe='')}@127.0.0.1:{port}/hookql"
by_model = text(f"SELECT model_name, creation_timestamp, status FROM {resource} WHERE workspace = :ws AND creation_timestamp > :after ORDER BY model_name LIMIT :n")
out = {}
engine = create_engine("postgresql+psycopg" + url)
with engine.connect() as c:
    out["psycopg"] = [[m, t > 0, s] for m, t, s in c.execute(by_model, {"ws": workspace, "after": 0, "n": 5})]
    out["dialect"] = [engine.dialect.server_version_info[0] >= 12, engine.dialect.default_schema_name]
    out["views"] = sorted(inspect(c).get_view_names(schema="ml"))
    out["columns"] = {col["name"]: str(col["type"]) for col in inspect(c).get_columns("model_registry_webhooks", schema="ml")}
    raw = c.connection.driver_connection
    out["prepared"] = [raw.execute(f"SELECT count(*) FROM {resource} WHERE workspace = %s AND model_name = %s", [workspace, m], prepare=True).fetchone()[0] for m in ["churn", "fraud", "nope"]]
engine.dispose()
async def via_asyncpg():
    engine = create_async_engine("postgresql+asyncpg" + url)
    async with engine.connect() as c:
        rows = [[m, t > 0, s] for m, t, s in await c.execute(by_model, {"ws": workspace, "after": 0, "n": 1})]
    await engine.dispose()
    return rows
out["asyncpg"] = asyncio.run(via_asyncpg())
print(json.dumps(out))
`;

describe.skipIf(python === null)('SQLAlchemy against hookql serve', () => {
  let fixture: ServeFixture;
  beforeAll(async () => {
    fixture = await startFixture({ models: ['churn', 'fraud'] });
  });
  afterAll(() => fixture?.close());

  it('connects with psycopg and asyncpg, reflects the views and their columns, and binds :name parameters', async () => {
    const r = await runProcess(python as string, ['-c', SCRIPT, String(fixture.server.port), PASSWORD, fixture.workspace, RESOURCE], {});
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out).toEqual({
      psycopg: [
        ['churn', true, 'ACTIVE'],
        ['fraud', true, 'ACTIVE'],
      ],
      dialect: [true, 'public'],
      views: expect.arrayContaining(['model_registry_webhooks']),
      columns: expect.objectContaining({ id: 'TEXT', creation_timestamp: 'BIGINT', events: 'JSON', workspace: 'TEXT' }),
      prepared: [1, 1, 0],
      asyncpg: [['churn', true, 'ACTIVE']],
    });
  });
});
