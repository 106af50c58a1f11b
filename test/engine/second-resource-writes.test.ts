// The write side is generic: writes by condition and INSERT … ON CONFLICT work on a fictional
// resource defined only by a YAML fixture (its own server param, id field, natural key and verbs).

import { beforeEach, describe, expect, it } from 'vitest';
import { useFixtureApi } from '../helpers/fixture-api.js';
import { rowObject } from '../../src/cli/render-result.js';

const RES = 'acme_cloud.alerts.notification_channels';
let channels: Record<string, unknown>[] = [];
let inFlight = 0;
let peak = 0;

const api = useFixtureApi(
  ({ method, url, body }, send) => {
    if (method === 'GET') return send(200, { data: { channels } });
    if (method === 'POST') {
      const input = JSON.parse(body) as { target: { address: string } };
      const channel = { ...input, channel_id: `ch${channels.length + 1}`, target: { address: input.target.address } };
      channels.push(channel);
      return send(200, { channel });
    }
    // Deletes answer after a moment, so concurrent ones overlap and the peak can be api.seen.
    inFlight++;
    peak = Math.max(peak, inFlight);
    setTimeout(() => {
      inFlight--;
      const i = channels.findIndex((c) => c.channel_id === url.searchParams.get('channel_id'));
      channels.splice(i, 1);
      send(200, {});
    }, 20);
  },
  { concurrency: 3 },
);
beforeEach(() => {
  channels = [
    { channel_id: 'a', kind: 'EMAIL', labels: ['ops'], target: { address: 'ops@example.com' } },
    { channel_id: 'b', kind: 'SMS', labels: ['ops'], target: { address: '+100' } },
    { channel_id: 'c', kind: 'SMS', labels: ['dev'], target: { address: '+200' } },
  ];
  api.seen.length = 0;
});

describe('the write side on a second resource', () => {
  it('DELETE by condition lists, filters locally and removes only the matching rows, by its own id field', async () => {
    const [result] = await api.engine.run(`DELETE FROM ${RES} WHERE region = '${api.region}' AND kind = 'SMS' AND json_extract(labels, '$[0]') = 'dev'`);
    expect(result.summary).toBe(`1 channel removed:\n  removed c (${api.region})`);
    expect(channels.map((c) => c.channel_id)).toEqual(['a', 'b']);
    // kind is pushed down to the list; the JSON condition is checked locally.
    expect(api.seen).toEqual(['GET /v1/channels?kind=SMS', 'DELETE /v1/channels/remove?channel_id=c']);
  });

  it('a WHERE naming only the region is refused with its own spelling of "all"', async () => {
    await expect(api.engine.run(`DELETE FROM ${RES} WHERE region = '${api.region}'`)).rejects.toMatchObject({
      code: 'UNBOUNDED_WRITE',
      message: 'DELETE whose WHERE names only the region would delete every channel in it',
      hint: expect.stringContaining('AND channel_id IS NOT NULL'),
    });
    expect(api.seen).toEqual([]);
  });

  it('ON CONFLICT DO NOTHING matches by its natural key (region, kind, target.address)', async () => {
    const [result] = await api.engine.run(
      `INSERT INTO ${RES} (region, kind, labels, target) VALUES ('${api.region}', 'SMS', '["x"]', '{"address": "+100"}'), ('${api.region}', 'EMAIL', '["x"]', '{"address": "+100"}')
       ON CONFLICT (region, kind, target) DO NOTHING RETURNING channel_id, kind`,
    );
    expect(result.rows.map((r) => rowObject(result.columns, r))).toEqual([{ channel_id: 'b', kind: 'SMS' }, { channel_id: 'ch4', kind: 'EMAIL' }]);
    expect(result.summary).toBe(`1 channel skipped, 1 created\n  skipped   b (${api.region}): a channel with this natural key exists (ON CONFLICT DO NOTHING)\n  created   ch4 (${api.region})`);
  });

  it('DO UPDATE on a resource with no update method is refused before anything is sent', async () => {
    await expect(api.engine.run(`INSERT INTO ${RES} (region, kind, labels, target) VALUES ('${api.region}', 'SMS', '["x"]', '{"address": "+100"}') ON CONFLICT DO UPDATE SET labels = EXCLUDED.labels`)).rejects.toMatchObject({ code: 'UNKNOWN_METHOD' });
    expect(api.seen).toEqual([]);
  });

  it('writes the matching rows at bounded concurrency (the engine\'s limit, here 3)', async () => {
    channels = Array.from({ length: 12 }, (_, i) => ({ channel_id: `n${i}`, kind: 'EMAIL', labels: ['bulk'], target: { address: `n${i}@example.com` } }));
    peak = 0;
    const [result] = await api.engine.run(`DELETE FROM ${RES} WHERE region = '${api.region}' AND json_extract(labels, '$[0]') = 'bulk'`);
    expect(result.summary?.split('\n')[0]).toBe('12 channels removed:');
    expect(channels).toEqual([]);
    expect(peak).toBeGreaterThan(1);
    expect(peak).toBeLessThanOrEqual(3);
  });
});
