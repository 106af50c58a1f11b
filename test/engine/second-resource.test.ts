// Proves the engine is generic: a fictional resource defined only by a YAML fixture is listed,
// paginated, filtered, created and removed with no engine change.

import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine.js';
import { rowObject } from '../../src/cli/render-result.js';
import type { StatementResult } from '../../src/result.js';

const fixtures = fileURLToPath(new URL('../fixtures/resources', import.meta.url));
const RES = 'acme_cloud.alerts.notification_channels';
let server: Server;
let region: string;
let engine: Engine;
const seen: string[] = [];

/** A tiny stateful Acme API: cursor pagination (2 per page), rows under data.channels. */
function acmeApi(): Server {
  const channels: Record<string, unknown>[] = [];
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    seen.push(`${req.method} ${url.pathname}${url.search}`);
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const send = (status: number, value: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      if (req.method === 'GET' && url.pathname === '/v1/channels') {
        const kind = url.searchParams.get('kind');
        const rows = channels.filter((c) => kind === null || c.kind === kind);
        const start = Number(url.searchParams.get('cursor') ?? 0);
        const next = start + 2 < rows.length ? String(start + 2) : undefined;
        return send(200, { data: { channels: rows.slice(start, start + 2) }, next_cursor: next });
      }
      if (req.method === 'POST' && url.pathname === '/v1/channels') {
        const input = JSON.parse(body) as { target: { address: string; token?: string } };
        const channel = { ...input, channel_id: `ch${channels.length + 1}`, target: { address: input.target.address, verified: false } };
        channels.push(channel);
        return send(200, { channel });
      }
      if (req.method === 'DELETE' && url.pathname === '/v1/channels/remove') {
        const i = channels.findIndex((c) => c.channel_id === url.searchParams.get('channel_id'));
        if (i < 0) return send(404, { error_code: 'NOT_FOUND', message: 'no such channel' });
        channels.splice(i, 1);
        return send(200, {});
      }
      send(404, { error_code: 'ENDPOINT_NOT_FOUND', message: 'no route' });
    });
  });
}

const objects = (r: StatementResult) => r.rows.map((row) => rowObject(r.columns, row));

beforeAll(async () => {
  server = acmeApi();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  region = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  engine = createEngine({ env: { DATABRICKS_TOKEN: 't' }, homeDir: mkdtempSync(join(tmpdir(), 'hookql-')), resourceDirs: [fixtures] });
});
afterAll(async () => {
  await engine.close();
  server.close();
});

describe('a second resource from YAML alone', () => {
  it('creates rows with its own server param, body inputs and object key', async () => {
    const [created] = await engine.run(
      `INSERT INTO ${RES} (region, kind, labels, priority, target) VALUES
        ('{{ r }}', 'EMAIL', '["ops"]', 1, '{"address": "ops@example.com", "token": "tok-1"}'),
        ('{{ r }}', 'SMS', '["ops","night"]', 2, '{"address": "+100"}'),
        ('{{ r }}', 'EMAIL', '["dev"]', 3, '{"address": "dev@example.com"}')
       RETURNING kind, target`,
      { vars: { r: region } },
    );
    // Creates run concurrently, but RETURNING keeps the order of the VALUES rows.
    expect(objects(created)).toEqual([
      { kind: 'EMAIL', target: { address: 'ops@example.com', verified: false } },
      { kind: 'SMS', target: { address: '+100', verified: false } },
      { kind: 'EMAIL', target: { address: 'dev@example.com', verified: false } },
    ]);
  });

  it('lists every page under a nested object key, pushes kind down and checks labels locally', async () => {
    seen.length = 0;
    const [result] = await engine.run(`SELECT json_extract(target, '$.address') AS address, region = '${region}' AS same_region FROM ${RES} WHERE region = '${region}' AND kind = 'EMAIL' AND labels = '["ops"]'`);
    expect(objects(result)).toEqual([{ address: 'ops@example.com', same_region: 1 }]);
    // The fake server ignores `labels`: the local any-of check is what drops dev@example.com.
    expect(seen).toEqual(['GET /v1/channels?kind=EMAIL&labels=ops']);
    seen.length = 0;
    const [count] = await engine.run(`SELECT count(*) AS n FROM ${RES} WHERE region = '${region}'`);
    expect(objects(count)).toEqual([{ n: 3 }]);
    expect(seen).toEqual(['GET /v1/channels', 'GET /v1/channels?cursor=2']);
  });

  it('checks its own enums and constraints before sending anything', async () => {
    seen.length = 0;
    await expect(engine.run(`INSERT INTO ${RES} (region, kind, target) VALUES ('${region}', 'FAX', '{"address": "x"}')`)).rejects.toThrow(/FAX/);
    await expect(engine.run(`INSERT INTO ${RES} (region, kind, labels, target) VALUES ('${region}', 'PAGER', '["x"]', '{"address": "x"}')`)).rejects.toMatchObject({ code: 'INVALID_VALUE' });
    expect(seen).toEqual([]);
  });

  it('runs its exec-only method and reports the summary with its own noun', async () => {
    const [sms] = await engine.run(`SELECT channel_id FROM ${RES} WHERE region = '${region}' AND kind = 'SMS'`);
    const [removed] = await engine.run(`EXEC ${RES}.remove @region='${region}', @channel_id='${String(sms.rows[0][0])}'`);
    expect(removed.summary).toBe('1 channel removed');
    await expect(engine.run(`UPDATE ${RES} SET priority = 1 WHERE region = '${region}' AND channel_id = 'ch1'`)).rejects.toMatchObject({ code: 'UNKNOWN_METHOD' });
  });
});
