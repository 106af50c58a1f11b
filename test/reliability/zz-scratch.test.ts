import { it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { hookql } from '../helpers/run-cli.js';
const R = 'databricks_workspace.ml.model_registry_webhooks';
it('probe', async () => {
  const e = await startEmulator({ port: 0, allowHttpTargets: true });
  const env = { DATABRICKS_TOKEN: 'dev-token', HOOKQL_HOME: '/tmp/hq-scratch', DATABRICKS_CONFIG_FILE: '/nonexistent' };
  const W = e.url;
  const cases = [
    `INSERT INTO ${R} (workspace, model_name, events, http_url_spec, description) VALUES ('${W}', 'm', '["COMMENT_CREATED"]', '{"url":"https://x.example/a","secret":"TOPSECRET1"}', 'a''b;c--d\\e\nf ✓ 日本')  RETURNING id, description`,
    `SELECT description FROM ${R} WHERE workspace = '${W}'`,
    `INSERT INTO ${R} (workspace, model_name, events, http_url_spec) VALUES ('${W}', 'm', '["COMMENT_CREATED"]', '{"url":"https://x.example/a","secret":"TOPSECRET2}')`,
    `INSERT INTO ${R} (workspace, model_name, events, http_url_spec) VALUES ('${W}', 'm', '["COMMENT_CREATED"]', '{"url":"https://x.example/a","secret":TOPSECRET3}')`,
    `INSERT INTO ${R} (workspace, model_name, events, http_url_spec) VALUES ('${W}', 'm', '["COMMENT_CREATED"]', '{"url":"https://x.example/a","secret":"TOPSECRET4", "bogus": 1}')`,
    `INSERT INTO ${R} (workspace, model_name, events, job_spec) VALUES ('${W}', 'm', '["COMMENT_CREATED"]', '{"job_id":5,"access_token":"TOPSECRET5"}')`,
    `EXPLAIN INSERT INTO ${R} (workspace, model_name, events, http_url_spec) VALUES ('${W}', 'm', '["COMMENT_CREATED"]', '{"url":"https://x.example/a","secret":"TOPSECRET6","authorization":"Bearer TOPSECRET7"}')`,
    `INSERT INTO ${R} (workspace, model_name, events, http_url_spec) VALUES ('${W}', 'm', '["COMMENT_CREATED"]', '{"url":"https://x.example/a","secret":"TOPSECRET8"}') RETURNING http_url_spec`,
    `SELECT id FROM ${R} WHERE workspace = '${W}' AND max_results = 99999999999999999999999`,
    `SELECT id FROM ${R} WHERE workspace = '${W}' AND max_results = 5000`,
    `SELECT id FROM ${R} WHERE workspace = '${W}' AND max_results = -1`,
    `SELECT id FROM ${R} WHERE workspace = 'foo bar'`,
    `SELECT id FROM ${R} WHERE workspace = '${W}' AND page_token = 'garbage'`,
    `SELECT id FROM ${R} WHERE workspace = '${W}' AND events = 'COMMENT_CREATED'`,
    `SELECT id FROM ${R} WHERE workspace = '${W}' AND model_name = ''`,
    `UPDATE ${R} SET description = 'x' WHERE workspace = '${W}' AND id = ''`,
    `DELETE FROM ${R} WHERE workspace = '${W}' AND id = 'nope'`,
    `EXEC ${R}.test @workspace='${W}' @@json='{"id": "x", "event": "COMMENT_CREATED", "secret":"TOPSECRET9"}'`,
    `EXEC ${R}.test @workspace='${W}' @@json='{"id": "x", "event": "COMMENT_CREATED"'`,
  ];
  for (const sql of cases) {
    const r = await hookql(['exec', sql, '-o', 'json'], { env });
    console.log('-----', sql.slice(0, 150), '\n', r.code, r.stdout.slice(0, 500), r.stderr.slice(0, 800));
  }
  const log = await (await fetch(`${W}/__emulator/requests`, { headers: { authorization: 'Bearer dev-token' } })).json();
  console.log(JSON.stringify(log).slice(0, 3000));
  await e.close();
});
