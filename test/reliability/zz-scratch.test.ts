import { it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { hookql } from '../helpers/run-cli.js';
const R = 'databricks_workspace.ml.model_registry_webhooks';
it('probe', async () => {
  const e = await startEmulator({ port: 0, allowHttpTargets: false });
  const env = { DATABRICKS_TOKEN: 'dev-token', HOOKQL_HOME: '/tmp/hq-scratch', DATABRICKS_CONFIG_FILE: '/nonexistent', HOOKQL_DEBUG: '1' };
  const W = e.url;
  const S = 'SEKRIT';
  const cases = [
    `INSERT INTO ${R} (workspace, model_name, events, http_url_spec) VALUES ('${W}', 'm', '["COMMENT_CREATED"]', '{"url":"https://x.example/a","secret":${S}1}')`,
    `INSERT INTO ${R} (workspace, model_name, events, http_url_spec) VALUES ('${W}', 'm', '["COMMENT_CREATED"]', '{"url":"https://x.example/a","secret":12345}')`,
    `INSERT INTO ${R} (workspace, model_name, events, http_url_spec) VALUES ('${W}', 'm', '["COMMENT_CREATED"]', '{"url":"http://x.example/a","secret":"${S}2"}')`,
    `INSERT INTO ${R} (workspace, model_name, events, http_url_spec) VALUES ('${W}', 'm', '["COMMENT_CREATED"]', '{"url":"https://x.example/a","secret":"${S}3"}' ${S}4)`,
    `INSERT INTO ${R} (workspace, model_name, events, http_url_spec) VALUES ('${W}', 'm', '["COMMENT_CREATED"]', '{"url":"https://x.example/a","secret":"${S}5"}`,
    `INSERT INTO ${R} (workspace, model_name, events, http_url_spec) VALUES ('${W}', 'm', '["COMMENT_CREATED"]', '{"url":"https://x.example/a","secret":"${S}6"}', 'extra')`,
    `INSERT INTO ${R} (workspace, model_name, events, http_url_spec, job_spec) VALUES ('${W}', 'm', '["COMMENT_CREATED"]', '{"url":"https://x.example/a","secret":"${S}7"}', '{"job_id":"1","access_token":"${S}8"}')`,
    `INSERT INTO ${R} (workspace, model_name, events, job_spec) VALUES ('${W}', 'm', '["COMMENT_CREATED"]', '{"job_id":"1","access_token":"${S}9", "x": 1}')`,
    `INSERT INTO ${R} (workspace, model_name, events, job_spec) VALUES ('${W}', 'm', '["COMMENT_CREATED"]', '{"job_id":"1","access_token":["${S}10"]}')`,
    `INSERT INTO ${R} (workspace, model_name, events, job_spec) VALUES ('${W}', 'm', '["REGISTERED_MODEL_CREATED"]', '{"job_id":"1","access_token":"${S}11"}')`,
    `UPDATE ${R} SET http_url_spec = '{"url":"https://x.example/a","authorization":"Bearer ${S}12"}' WHERE workspace = '${W}' AND id = 'abc'`,
    `UPDATE ${R} SET http_url_spec = '{"url":"https://x.example/a","authorization":"Bearer ${S}13"}' WHERE workspace = '${W}' AND id = 'abc' AND`,
    `INSERT INTO ${R} (workspace, model_name, events, http_url_spec) VALUES ('${W}', 'm', '["COMMENT_CREATED"]', '{"url":"https://x.example/a","secret":"${S}14"}'), ('${W}', 'm', '["COMMENT_CREATED"]', '{"url":"https://x.example/a","secret":"${S}15"}', 'x')`,
    `INSERT INTO ${R} (workspace, model_name, events, http_url_spec) SELECT '${W}', 'm', '["COMMENT_CREATED"]', '{"url":"https://x.example/a","secret":"${S}16"}' FROM nosuchtable`,
    `INSERT INTO ${R} (workspace, model_name, events, http_url_spec) SELECT '${W}', 'm', '["COMMENT_CREATED"]', nosuchfn('{"url":"https://x.example/a","secret":"${S}17"}')`,
    `INSERT INTO ${R} (workspace, model_name, events, http_url_spec) VALUES ('${W}', 'm', '["COMMENT_CREATED"]', '{"url":"https://x.example/a","secret":"${S}18"}') RETURNING bogus`,
    `INSERT INTO ${R} (workspace, model_name, events, http_url_spec) SELECT '${W}', 'm', '["COMMENT_CREATED"]', json_object('url','https://x.example/a','secret','${S}19', 'zz', 1)`,
    `INSERT INTO ${R} (workspace, model_name, events, http_url_spec) VALUES ('${W}', 'm', '["COMMENT_CREATED"]', '{"url":"https://x.example/a","secret":"${S}20"}') RETURNING *`,
  ];
  for (const sql of cases) {
    const r = await hookql(['exec', sql, '-o', 'json'], { env });
    const out = r.stdout + r.stderr;
    console.log('-----', r.code, out.includes(S) ? 'LEAK' : 'ok', '\n', (r.stdout.slice(0, 300) + r.stderr.split('\n').filter(l => !/^\s+at /.test(l)).join('\n')).slice(0,1200));
  }
  await e.close();
});
