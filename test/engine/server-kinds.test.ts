// The generic capabilities behind the account and local resources, proven with a fictional fixture:
// a server param that names an account (host and credentials from the profile that has it,
// account-level token endpoint), `{param}` placeholders in paths, and their validation.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';
import { sendJson, startServer, type TestServer } from '../execute/helpers/test-server.js';
import { issuesOf, mutated, fixtureText } from '../definition/helpers.js';

const fixtures = fileURLToPath(new URL('../fixtures/server-kinds', import.meta.url));
let api: TestServer;
let env: Record<string, string>;

beforeAll(async () => {
  api = await startServer((req, res) => {
    if (req.path === '/oidc/accounts/org-7/v1/token') return sendJson(res, 200, { access_token: 'org-token', token_type: 'Bearer', expires_in: 3600 });
    sendJson(res, 200, { invoices: [{ invoice_id: 'i1', amount: 10 }, { invoice_id: 'i2', amount: 32 }] });
  });
  const dir = mkdtempSync(join(tmpdir(), 'hookql-kinds-'));
  writeFileSync(join(dir, 'cfg'), `[billing]\nhost = ${api.url}\naccount_id = org-7\nclient_id = cid\nclient_secret = csecret-123456\n`);
  env = { HOME: dir, DATABRICKS_CONFIG_FILE: join(dir, 'cfg'), PATH: '' };
});
afterAll(async () => api?.close());

describe('server.kind account', () => {
  it('sends to the host of the profile that has the account id, with an account-level M2M token, path placeholders filled', async () => {
    const engine = createEngine({ env, homeDir: mkdtempSync(join(tmpdir(), 'hookql-h-')), resourceDirs: [fixtures] });
    try {
      const [r] = await engine.run("SELECT sum(amount) AS total FROM acme_cloud.billing.invoices WHERE org_id = 'org-7' AND year = 2026");
      expect(r.rows).toEqual([[42]]);
    } finally {
      await engine.close();
    }
    expect(api.requests.map((q) => `${q.method} ${q.path}`)).toEqual(['POST /oidc/accounts/org-7/v1/token', 'GET /v1/orgs/org-7/invoices/2026']);
    expect(api.requests[1].headers.authorization).toBe('Bearer org-token');
  });

  it('never takes the default workspace (DATABRICKS_HOST) as the account id', async () => {
    const engine = createEngine({ env: { ...env, DATABRICKS_HOST: api.url }, homeDir: mkdtempSync(join(tmpdir(), 'hookql-h-')), resourceDirs: [fixtures] });
    try {
      await expect(engine.run('SELECT * FROM acme_cloud.billing.invoices WHERE year = 2026')).rejects.toMatchObject({ code: 'MISSING_PARAMETER' });
    } finally {
      await engine.close();
    }
  });
});

describe('path placeholders are validated with the definition', () => {
  it('a placeholder that is neither the server param nor a required path input is an issue', () => {
    const issues = issuesOf(mutated((d) => (d.methods.list.path = '/v1/channels/{nope}'), fixtureText()));
    expect(issues).toContainEqual({ at: 'methods.list.path', message: "'{nope}' must be the server param or a required input with in: path" });
  });

  it('a path input without its placeholder is an issue', () => {
    const issues = issuesOf(mutated((d) => (d.methods.list.inputs.kind = 'path'), fixtureText()));
    expect(issues).toContainEqual({ at: 'methods.list.inputs.kind', message: "the path has no '{kind}' placeholder" });
  });
});
