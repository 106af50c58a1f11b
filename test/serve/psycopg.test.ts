// psycopg 3 (Python) against hookql serve: server-side parameter binding (the extended protocol),
// its implicit BEGIN, Python values from the type OIDs, and a hookql error as a psycopg exception.
// psycopg comes from the machine's package index (`pip install psycopg`, see .ci/run); without it
// this suite is skipped, saying so.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, pythonWith, RESOURCE, runProcess, startFixture, USER, type ServeFixture } from './helpers.js';

const python = pythonWith('psycopg', 'pip install psycopg', 'Python client');

const SCRIPT = `
import json, sys, psycopg
url, password, workspace, resource = sys.argv[1:5]
out = {}
with psycopg.connect(url, password=password) as conn:
    cur = conn.execute(f"SELECT model_name, creation_timestamp, events FROM {resource} WHERE workspace = %s ORDER BY model_name", [workspace])
    out["types"] = [d.type_code for d in cur.description]
    rows = cur.fetchall()
    out["rows"] = [[r[0], isinstance(r[1], int), r[2]] for r in rows]
    try:
        conn.execute(f"SELECT nope FROM {resource} WHERE workspace = %s", [workspace])
    except psycopg.Error as e:
        out["error"] = [type(e).__name__, e.sqlstate, e.diag.message_primary, e.diag.message_hint]
        conn.rollback()
    out["after"] = conn.execute("SELECT 1 AS one").fetchone()[0]
print(json.dumps(out))
`;

describe.skipIf(python === null)('psycopg against hookql serve', () => {
  let fixture: ServeFixture;
  beforeAll(async () => {
    fixture = await startFixture({ models: ['churn', 'fraud'] });
  });
  afterAll(() => fixture?.close());

  it('queries with bound parameters and gets Python values, and errors as exceptions', async () => {
    const url = `${fixture.server.url}?user=${USER}`;
    const r = await runProcess(python as string, ['-c', SCRIPT, url, PASSWORD, fixture.workspace, RESOURCE], {});
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({
      types: [25, 20, 114],
      rows: [
        ['churn', true, ['MODEL_VERSION_CREATED']],
        ['fraud', true, ['MODEL_VERSION_CREATED']],
      ],
      error: ['UndefinedColumn', '42703', "unknown column 'nope' in databricks_workspace.ml.model_registry_webhooks", 'DESCRIBE databricks_workspace.ml.model_registry_webhooks lists its columns'],
      after: 1,
    });
  });
});
