// EXPLAIN prints the plan with every write-only value masked, in every spelling it has in the
// statement text. Found by the secret-leak suite: a secret with a quote or a backslash stayed
// visible in the plan's `text`, where it is JSON-escaped inside a SQL literal.

import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';
import { tempHome } from '../helpers/temp-home.js';

const RES = 'databricks_workspace.ml.model_registry_webhooks';

describe('EXPLAIN of a write with secrets', () => {
  it.each([
    ['a plain secret', 'plain-secret-5e1f0'],
    ['a quote, a double quote and a backslash', `it's "q"\\x-7a2c9`],
    ['non-ASCII', 'ünï-cødé-secret-3b8d'],
  ])('masks %s wherever it appears', async (_name, secret) => {
    const spec = JSON.stringify({ url: 'https://hooks.example.com/x', secret, authorization: `Bearer ${secret}` }).replaceAll("'", "''");
    const engine = createEngine({ env: { DATABRICKS_CONFIG_FILE: '/nonexistent', HOOKQL_HOME: tempHome() } });
    try {
      const [result] = await engine.run(`EXPLAIN (FORMAT JSON) INSERT INTO ${RES} (workspace, events, http_url_spec) VALUES ('w', '["COMMENT_CREATED"]', '${spec}')`);
      const text = String(result.rows[0][0]);
      expect(text).toContain('***');
      // Any 6 characters of the distinctive tail would be a leak.
      expect(text).not.toContain(secret.slice(-6));
      expect(JSON.parse(text).requests[0].body.http_url_spec).toEqual({ url: 'https://hooks.example.com/x', secret: '***', authorization: '***' });
      // The readable tree is made from the same redacted plan.
      const [tree] = await engine.run(`EXPLAIN INSERT INTO ${RES} (workspace, events, http_url_spec) VALUES ('w', '["COMMENT_CREATED"]', '${spec}')`);
      const lines = tree.rows.map((r) => String(r[0])).join('\n');
      expect(lines).toContain('"secret":"***","authorization":"***"');
      expect(lines).not.toContain(secret.slice(-6));
    } finally {
      await engine.close();
    }
  });
});
