// A server that echoes what it was sent (a proxy, a buggy service) must not make a statement's
// write-only values (http_url_spec.secret, .authorization, job_spec.access_token) reach a message
// or the stack HOOKQL_DEBUG prints. Found by the secret-leak suite (test/reliability).

import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';
import { ApiError } from '../../src/errors.js';
import { tempHome } from '../helpers/temp-home.js';

const RES = 'databricks_workspace.ml.model_registry_webhooks';
let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    // Lists (a create's existence check) find nothing; every write is refused, echoing its body.
    req.on('end', () => {
      if (req.method === 'GET') return res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error_code: 'INVALID_PARAMETER_VALUE', message: `bad body ${body}` }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('when the server echoes the request body in its error', () => {
  it.each([
    ['an INSERT', `INSERT INTO ${RES} (workspace, events, http_url_spec) VALUES ('URL', '["COMMENT_CREATED"]', '{"url":"https://h.example/x","secret":"s3cr3t-hmac-key","authorization":"Bearer tok-abc-123"}')`],
    ['an UPDATE', `UPDATE ${RES} SET job_spec = '{"job_id":"7","access_token":"s3cr3t-hmac-key"}' WHERE workspace = 'URL' AND id = 'x'`],
  ])('then %s fails without its secrets in the message or the stack', async (_name, sql) => {
    const engine = createEngine({ env: { DATABRICKS_TOKEN: 'pat-value-1', DATABRICKS_CONFIG_FILE: '/nonexistent', HOOKQL_HOME: tempHome() } });
    const error = await engine.run(sql.replaceAll('URL', url)).then(
      () => null,
      (e: unknown) => e,
    );
    await engine.close();
    expect(error).toBeInstanceOf(ApiError);
    const text = `${(error as Error).message}\n${(error as Error).stack}`;
    expect(text).toContain('bad body');
    expect(text).toContain('***');
    for (const secret of ['s3cr3t-hmac-key', 'tok-abc-123', 'pat-value-1']) expect(text).not.toContain(secret);
  });
});
