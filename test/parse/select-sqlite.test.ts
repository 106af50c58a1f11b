// The rewritten SQL must actually run in SQLite (better-sqlite3, :memory:) against scratch tables
// holding JSON as text, with its literals bound — never spliced. Slots are filled with their
// predicate, qualified by the scan's alias or table, as materialize/ does.
import { describe, expect, test } from 'vitest';
import { parseStatement } from '../../src/parse/index.js';
import type { SelectStatement } from '../../src/parse/index.js';
import { runSelectFiltered } from './scratch-db.js';

const R = 'databricks_workspace.ml.model_registry_webhooks';
const run = (text: string) => runSelectFiltered(parseStatement(text, {}) as SelectStatement);

describe('SELECT features run on SQLite with the expected rows', () => {
  test.each<[string, string, unknown[]]>([
    ['json_extract, ->> and -> with an alias', `SELECT id, json_extract(http_url_spec, '$.url') AS url, http_url_spec ->> '$.url' AS u2, http_url_spec -> '$.url' AS u3 FROM ${R} WHERE id = 'h1'`,
      [{ id: 'h1', url: 'https://a.example/x', u2: 'https://a.example/x', u3: '"https://a.example/x"' }]],
    ['json_each over an array column, ORDER BY, LIMIT / OFFSET', `SELECT w.id, e.value FROM ${R} w, json_each(w.events) e ORDER BY w.id DESC, e.value LIMIT 2 OFFSET 1`,
      [{ id: 'h2', value: 'MODEL_VERSION_TRANSITIONED_TO_PRODUCTION' }, { id: 'h1', value: 'COMMENT_CREATED' }]],
    ['GROUP BY, HAVING, count(*), ORDER BY an alias', `SELECT model_name, count(*) AS n FROM ${R} GROUP BY model_name HAVING count(*) >= 1 ORDER BY n DESC, model_name`,
      [{ model_name: 'churn', n: 2 }, { model_name: null, n: 1 }]],
    ['DISTINCT', `SELECT DISTINCT workspace FROM ${R} ORDER BY 1`, [{ workspace: 'local' }, { workspace: 'prod' }]],
    ['a CTE over the resource', `WITH h AS (SELECT id, status FROM ${R} WHERE workspace IN ('local')) SELECT count(*) AS n FROM h`, [{ n: 2 }]],
    ['a subquery in WHERE', `SELECT id FROM ${R} WHERE id IN (SELECT id FROM ${R} WHERE status = 'ACTIVE' AND 1 = 1) AND status = 'ACTIVE'`, [{ id: 'h1' }]],
    ['a scalar subquery in the select list', `SELECT (SELECT count(*) FROM ${R} WHERE status <> 'ACTIVE') AS others FROM ${R} LIMIT 1`, [{ others: 2 }]],
    ['EXISTS over json_each', `SELECT id FROM ${R} WHERE EXISTS (SELECT 1 FROM json_each(events) WHERE value = 'COMMENT_CREATED')`, [{ id: 'h1' }]],
    ['a self join', `SELECT a.id AS a, b.id AS b FROM ${R} a JOIN ${R} b ON a.model_name = b.model_name AND a.id < b.id`, [{ a: 'h1', b: 'h2' }]],
    ['LEFT JOIN a subquery', `SELECT a.id, q.n FROM ${R} a LEFT JOIN (SELECT model_name, count(*) AS n FROM ${R} GROUP BY model_name) q ON q.model_name = a.model_name ORDER BY a.id`,
      [{ id: 'h1', n: 2 }, { id: 'h2', n: 2 }, { id: 'h3', n: null }]],
    ['CASE and CAST', `SELECT CASE WHEN status = 'ACTIVE' THEN 'on' ELSE 'off' END AS state, CAST(creation_timestamp / 1000 AS INTEGER) AS s FROM ${R} WHERE id = 'h2'`,
      [{ state: 'off', s: 1700000000 }]],
    ['a window function', `SELECT id, row_number() OVER (PARTITION BY model_name ORDER BY id DESC) AS rn FROM ${R} WHERE model_name = 'churn' ORDER BY id`,
      [{ id: 'h1', rn: 2 }, { id: 'h2', rn: 1 }]],
    ['|| and coalesce', `SELECT upper(id) || '-' || coalesce(model_name, 'registry') AS label FROM ${R} WHERE id = 'h3'`, [{ label: 'H3-registry' }]],
    ['UNION ALL with ORDER BY', `SELECT id FROM ${R} WHERE status = 'ACTIVE' UNION ALL SELECT 'x' ORDER BY 1`, [{ id: 'h1' }, { id: 'x' }]],
    ['EXCEPT', `SELECT id FROM ${R} EXCEPT SELECT id FROM ${R} WHERE id <> 'h2'`, [{ id: 'h2' }]],
    ['BETWEEN, IS NULL, NOT LIKE, <>', `SELECT id FROM ${R} WHERE creation_timestamp BETWEEN 1 AND 1700000000003 AND job_spec IS NULL AND description NOT LIKE 's%' AND id <> 'x'`, [{ id: 'h1' }]],
    ['LIKE is case-insensitive for ASCII', `SELECT id FROM ${R} WHERE status LIKE 'active'`, [{ id: 'h1' }]],
    ['LIKE … ESCAPE', `SELECT id FROM ${R} WHERE 'a%b' LIKE 'a!%b' ESCAPE '!' AND id = 'h1'`, [{ id: 'h1' }]],
    ['json_group_array and group_concat', `SELECT json_group_array(id) AS ids, group_concat(id, '|') AS joined FROM ${R}`, [{ ids: '["h1","h2","h3"]', joined: 'h1|h2|h3' }]],
    ['count(*) FILTER (WHERE …)', `SELECT count(*) FILTER (WHERE status = 'ACTIVE') AS active FROM ${R}`, [{ active: 1 }]],
    ['ORDER BY … NULLS FIRST and COLLATE NOCASE', `SELECT id FROM ${R} ORDER BY model_name NULLS FIRST, id COLLATE NOCASE`, [{ id: 'h3' }, { id: 'h1' }, { id: 'h2' }]],
    ['strftime over a millisecond timestamp', `SELECT strftime('%Y', creation_timestamp / 1000, 'unixepoch') AS y FROM ${R} WHERE id = 'h1'`, [{ y: '2023' }]],
    ['json_each over an object column', `SELECT e.key, e.value FROM ${R}, json_each(job_spec) AS e`, [{ key: 'job_id', value: '42' }, { key: 'workspace_url', value: 'https://w' }]],
    ['a quoted alias', `SELECT id AS "Webhook Id" FROM ${R} WHERE id = 'h1'`, [{ 'Webhook Id': 'h1' }]],
    ['no resource', `SELECT 1 AS one, 'x' AS x`, [{ one: 1, x: 'x' }]],
  ])('%s', (_, text, rows) => {
    expect(run(text)).toEqual(rows);
  });
});

describe('result column names are what the user typed', () => {
  test.each([
    ['an unaliased expression', `SELECT json_extract(http_url_spec, '$.url') FROM ${R} WHERE id = 'h3'`, "json_extract(http_url_spec, '$.url')"],
    ['count(*) as written, not as regenerated', `SELECT count(*) FROM ${R}`, 'count(*)'],
    ['an expression with a quote in a literal', `SELECT 'it''s' || id FROM ${R} WHERE id = 'h3'`, "'it''s' || id"],
    ['an expression with a double quote', `SELECT '"' || id FROM ${R} WHERE id = 'h3'`, `'"' || id`],
    ['line breaks collapse to one space', `SELECT upper(\n  id\n) FROM ${R} WHERE id = 'h3'`, 'upper( id )'],
    ['a plain column keeps its name', `SELECT w.id FROM ${R} w WHERE id = 'h3'`, 'id'],
  ])('%s', (_, text, name) => {
    expect(Object.keys(run(text)[0])).toEqual([name]);
  });
});

describe('literals are bound, never spliced', () => {
  const tricky = ["it's", "a'; DROP TABLE x; --", 'C:\\new\\table', 'two\nlines', '日本語 é 🚀', '/* not a comment */', ':b0 $1 ?', ''];
  test.each(tricky)('%j round-trips through the select list and WHERE', (value) => {
    const literal = `'${value.replaceAll("'", "''")}'`;
    const s = parseStatement(`SELECT ${literal} AS v, id FROM ${R} WHERE description <> ${literal} AND id = 'h1'`, {}) as SelectStatement;
    expect(s.sql).not.toContain(value === '' ? "''" : value);
    expect(Object.values(s.bindings)).toContain(value);
    expect(runSelectFiltered(s)).toEqual([{ v: value, id: 'h1' }]);
  });

  test('a value equal to a row value matches through a binding', () => {
    expect(run(`SELECT id FROM ${R} WHERE description = 'o''brien; --x'`)).toEqual([{ id: 'h3' }]);
  });

  test('only the parameters the SQL uses are bound', () => {
    const s = parseStatement(`SELECT 'a' FROM ${R} WHERE workspace = 'extracted'`, {}) as SelectStatement;
    expect(s.bindings).toEqual({ b0: 'a' });
  });
});
