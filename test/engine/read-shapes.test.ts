// The shapes the model registry needed, proven on a fictional resource (fixtures/…/incidents.yaml):
// SELECT picks the list, the get-one or the search by the params given; a param travels inside a
// filter expression under another wire name; rows get the inputs that scoped them; arrays of objects
// are checked item by item; UPDATE takes a composite key from WHERE. No engine code names it.

import { beforeEach, describe, expect, it } from 'vitest';
import { useFixtureApi, type FixtureRequest, type Send } from '../helpers/fixture-api.js';
import { rowObject } from '../../src/cli/render-result.js';
import type { StatementResult } from '../../src/result.js';

const RES = 'acme_cloud.alerts.incidents';

const incidents = [
  { incident_id: 'i1', service: 'db', title: 'disk full', detail: 'x' },
  { incident_id: 'i2', service: "o'hare", title: 'late', detail: 'y' },
  { incident_id: 'i3', service: 'db', title: 'slow', detail: 'z' },
];

function acmeApi({ url, body }: FixtureRequest, send: Send): void {
  const q = url.searchParams;
  if (url.pathname === '/v1/incidents') {
    const start = Number(q.get('page') ?? 0);
    return send(200, { incidents: incidents.slice(start, start + 2), next_page: start + 2 < incidents.length ? String(start + 2) : undefined });
  }
  if (url.pathname === '/v1/incidents/get') return send(200, { incident: incidents.find((i) => i.incident_id === q.get('incident_id')) });
  if (url.pathname === '/v1/incidents/search') {
    const match = /^service='((?:[^']|'')*)'$/.exec(q.get('q') ?? '');
    const service = match?.[1].replace(/''/g, "'");
    // Rows without their service, as the real registry's transition requests come without name/version.
    return send(200, { results: incidents.filter((i) => i.service === service).map(({ service: _s, ...rest }) => rest) });
  }
  if (url.pathname === '/v1/incidents/update') return send(200, { incident: { ...JSON.parse(body), detail: 'updated' } });
  send(404, { error_code: 'ENDPOINT_NOT_FOUND', message: 'no route' });
}

const api = useFixtureApi(acmeApi);
const objects = (r: StatementResult) => r.rows.map((row) => rowObject(r.columns, row));

beforeEach(() => {
  api.seen.length = 0;
});

describe('SELECT chooses among the read methods by the params given', () => {
  it('with no key it lists, following this API\'s own page tokens', async () => {
    const [r] = await api.engine.run(`SELECT incident_id FROM ${RES} WHERE region = '${api.region}'`);
    expect(objects(r).map((o) => o.incident_id)).toEqual(['i1', 'i2', 'i3']);
    expect(api.seen).toEqual(['GET /v1/incidents', 'GET /v1/incidents?page=2']);
  });

  it('with the id it gets one object under its own key', async () => {
    const [r] = await api.engine.run(`SELECT title FROM ${RES} WHERE region = '${api.region}' AND incident_id = 'i3'`);
    expect(objects(r)).toEqual([{ title: 'slow' }]);
    expect(api.seen).toEqual(['GET /v1/incidents/get?incident_id=i3']);
  });

  it('with the service it searches: the value goes inside a filter expression (quotes doubled), and rows get it back', async () => {
    const [r] = await api.engine.run(`SELECT service, incident_id FROM ${RES} WHERE region = '${api.region}' AND service = 'o''hare'`);
    expect(objects(r)).toEqual([{ service: "o'hare", incident_id: 'i2' }]);
    expect(api.seen).toEqual([`GET /v1/incidents/search?${new URLSearchParams({ q: "service='o''hare'" })}`]);
  });

  it('an IN list is no key: it lists and filters locally', async () => {
    const [r] = await api.engine.run(`SELECT incident_id FROM ${RES} WHERE region = '${api.region}' AND incident_id IN ('i1', 'i3')`);
    expect(objects(r).map((o) => o.incident_id)).toEqual(['i1', 'i3']);
    expect(api.seen[0]).toBe('GET /v1/incidents');
  });

  it('a param the chosen call does not take is refused, never dropped', async () => {
    await expect(api.engine.run(`SELECT title FROM ${RES} WHERE region = '${api.region}' AND incident_id = 'i3' AND page = '2'`)).rejects.toMatchObject({
      code: 'UNKNOWN_PARAMETER',
      hint: 'SELECT calls one of: list (region); get (region, incident_id); by_service (region, service) — give the parameters of one',
    });
    expect(api.seen).toEqual([]);
  });

  it('EXPLAIN shows the chosen method and the encoded query', async () => {
    const [r] = await api.engine.run(`EXPLAIN (FORMAT JSON) SELECT * FROM ${RES} WHERE region = 'eu' AND service = 'db'`);
    const text = JSON.stringify(r.rows);
    expect(text).toContain('by_service');
    expect(text).toContain("service='db'");
    expect(api.seen).toEqual([]);
  });
});

describe('writes', () => {
  it('UPDATE takes the rest of a composite key from WHERE and sends one PATCH', async () => {
    const [r] = await api.engine.run(`UPDATE ${RES} SET title = 'full' WHERE region = '${api.region}' AND service = 'db' AND incident_id = 'i1' RETURNING detail`);
    expect(objects(r)).toEqual([{ detail: 'updated' }]);
    expect(api.seen).toEqual(['PATCH /v1/incidents/update']);
  });

  it('an array of objects is checked item by item before anything is sent', async () => {
    await expect(
      api.engine.run(`INSERT INTO ${RES} (region, service, title, responders) VALUES ('${api.region}', 'db', 't', '[{"role": "lead"}]')`),
    ).rejects.toThrow(/missing required property 'handle'/);
    expect(api.seen).toEqual([]);
  });
});

describe('composite keys', () => {
  it('UPDATE without the rest of the key names it as a WHERE to add, before sending', async () => {
    await expect(api.engine.run(`UPDATE ${RES} SET title = 'x' WHERE region = '${api.region}' AND incident_id = 'i1'`)).rejects.toMatchObject({
      code: 'MISSING_PARAMETER',
      hint: "add WHERE service = '<service>'",
    });
    expect(api.seen).toEqual([]);
  });
});
