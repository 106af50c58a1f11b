// Proves the engine is generic: a fictional resource defined only by a YAML fixture is listed,
// paginated, filtered, created and removed with no engine change.

import { describe, expect, it } from 'vitest';
import { useFixtureApi, type FixtureRequest, type Send } from '../helpers/fixture-api.js';
import { rowObject } from '../../src/cli/render-result.js';
import type { StatementResult } from '../../src/result.js';

const RES = 'acme_cloud.alerts.notification_channels';

/** A tiny stateful Acme API: cursor pagination (2 per page), rows under data.channels. */
const channels: Record<string, unknown>[] = [];
function acmeApi({ method, url, body }: FixtureRequest, send: Send): void {
  if (method === 'GET' && url.pathname === '/v1/channels') {
    const kind = url.searchParams.get('kind');
    const rows = channels.filter((c) => kind === null || c.kind === kind);
    const start = Number(url.searchParams.get('cursor') ?? 0);
    const next = start + 2 < rows.length ? String(start + 2) : undefined;
    return send(200, { data: { channels: rows.slice(start, start + 2) }, next_cursor: next });
  }
  if (method === 'POST' && url.pathname === '/v1/channels') {
    const input = JSON.parse(body) as { target: { address: string; token?: string } };
    const channel = { ...input, channel_id: `ch${channels.length + 1}`, target: { address: input.target.address, verified: false } };
    channels.push(channel);
    return send(200, { channel });
  }
  if (method === 'DELETE' && url.pathname === '/v1/channels/remove') {
    const i = channels.findIndex((c) => c.channel_id === url.searchParams.get('channel_id'));
    if (i < 0) return send(404, { error_code: 'NOT_FOUND', message: 'no such channel' });
    channels.splice(i, 1);
    return send(200, {});
  }
  send(404, { error_code: 'ENDPOINT_NOT_FOUND', message: 'no route' });
}

const api = useFixtureApi(acmeApi);
const objects = (r: StatementResult) => r.rows.map((row) => rowObject(r.columns, row));

describe('a second resource from YAML alone', () => {
  it('creates rows with its own server param, body inputs and object key', async () => {
    const [created] = await api.engine.run(
      `INSERT INTO ${RES} (region, kind, labels, priority, target) VALUES
        ('{{ r }}', 'EMAIL', '["ops"]', 1, '{"address": "ops@example.com", "token": "tok-1"}'),
        ('{{ r }}', 'SMS', '["ops","night"]', 2, '{"address": "+100"}'),
        ('{{ r }}', 'EMAIL', '["dev"]', 3, '{"address": "dev@example.com"}')
       RETURNING kind, target`,
      { vars: { r: api.region } },
    );
    // Creates run concurrently, but RETURNING keeps the order of the VALUES rows.
    expect(objects(created)).toEqual([
      { kind: 'EMAIL', target: { address: 'ops@example.com', verified: false } },
      { kind: 'SMS', target: { address: '+100', verified: false } },
      { kind: 'EMAIL', target: { address: 'dev@example.com', verified: false } },
    ]);
  });

  it('lists every page under a nested object key, pushes kind down and checks labels locally', async () => {
    api.seen.length = 0;
    const [result] = await api.engine.run(`SELECT json_extract(target, '$.address') AS address, region = '${api.region}' AS same_region FROM ${RES} WHERE region = '${api.region}' AND kind = 'EMAIL' AND labels = '["ops"]'`);
    expect(objects(result)).toEqual([{ address: 'ops@example.com', same_region: 1 }]);
    // The fake server ignores `labels`: the local any-of check is what drops dev@example.com.
    expect(api.seen).toEqual(['GET /v1/channels?kind=EMAIL&labels=ops']);
    api.seen.length = 0;
    const [count] = await api.engine.run(`SELECT count(*) AS n FROM ${RES} WHERE region = '${api.region}'`);
    expect(objects(count)).toEqual([{ n: 3 }]);
    expect(api.seen).toEqual(['GET /v1/channels', 'GET /v1/channels?cursor=2']);
  });

  it('checks its own enums and constraints before sending anything', async () => {
    api.seen.length = 0;
    await expect(api.engine.run(`INSERT INTO ${RES} (region, kind, target) VALUES ('${api.region}', 'FAX', '{"address": "x"}')`)).rejects.toThrow(/FAX/);
    await expect(api.engine.run(`INSERT INTO ${RES} (region, kind, labels, target) VALUES ('${api.region}', 'PAGER', '["x"]', '{"address": "x"}')`)).rejects.toMatchObject({ code: 'INVALID_VALUE' });
    expect(api.seen).toEqual([]);
  });

  it('runs its exec-only method and reports the summary with its own noun', async () => {
    const [sms] = await api.engine.run(`SELECT channel_id FROM ${RES} WHERE region = '${api.region}' AND kind = 'SMS'`);
    const [removed] = await api.engine.run(`EXEC ${RES}.remove @region='${api.region}', @channel_id='${String(sms.rows[0][0])}'`);
    expect(removed.summary).toBe('1 channel removed');
    await expect(api.engine.run(`UPDATE ${RES} SET priority = 1 WHERE region = '${api.region}' AND channel_id = 'ch1'`)).rejects.toMatchObject({ code: 'UNKNOWN_METHOD' });
  });
});
