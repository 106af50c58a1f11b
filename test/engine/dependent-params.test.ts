// Joins across resources and params fed by other tables, end to end through the engine against a
// fake of the fixture Acme API: each side's own predicates go to its own calls, a required param
// the statement leaves out is fed from another scan's rows (JOIN) or from a subquery, one call per
// distinct value, and the local SQL then runs over the union. No engine code names these resources.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine, type EngineOptions } from '../../src/engine.js';
import { rowObject } from '../../src/cli/render-result.js';
import type { QueryPlan } from '../../src/plan/types.js';
import type { Progress, StatementResult } from '../../src/result.js';
import { closedPortUrl, type TestServer } from '../execute/helpers/test-server.js';
import { seen, startDirectory, startRegion, type RegionServer } from './helpers/acme-api.js';

const fixtures = fileURLToPath(new URL('../fixtures/resources', import.meta.url));
const CHANNELS = 'acme_cloud.alerts.notification_channels';
const DELIVERIES = 'acme_cloud.alerts.channel_deliveries';
const REGIONS = 'acme_cloud.alerts.regions';

let a: RegionServer;
let b: RegionServer;
let directory: TestServer;
let engine: Engine;
let vars: Record<string, string>;

const newEngine = (options: EngineOptions = {}) =>
  createEngine({ env: { DATABRICKS_TOKEN: 't' }, homeDir: mkdtempSync(join(tmpdir(), 'hookql-')), resourceDirs: [fixtures], ...options });
const objects = (r: StatementResult) => r.rows.map((row) => rowObject(r.columns, row));
const run = async (sql: string, e = engine) => (await e.run(sql, { vars }))[0];
const clear = () => [a, b, directory].forEach((s) => s.requests.splice(0));

beforeAll(async () => {
  a = await startRegion({
    channels: [
      { channel_id: 'ch-a1', kind: 'EMAIL', labels: ['ops'] },
      { channel_id: 'ch-a2', kind: 'SMS', labels: ['dev'] },
      { channel_id: 'ch-a3', kind: 'EMAIL', labels: ['dev'] },
    ],
    deliveries: [
      { delivery_id: 'd1', channel_id: 'ch-a1', outcome: 'SENT', attempt: 1 },
      { delivery_id: 'd2', channel_id: 'ch-a1', outcome: 'FAILED', attempt: 3 },
      { delivery_id: 'd3', channel_id: 'ch-a2', outcome: 'SENT', attempt: 1 },
    ],
  });
  b = await startRegion({
    channels: [{ channel_id: 'ch-b1', kind: 'EMAIL', labels: ['ops'] }],
    deliveries: [{ delivery_id: 'd4', channel_id: 'ch-b1', outcome: 'FAILED', attempt: 2 }],
  });
  // A region that is down is listed but must never be contacted (nothing listens there).
  const down = await closedPortUrl();
  directory = await startDirectory([
    { name: 'a', url: a.url, state: 'UP' },
    { name: 'b', url: b.url, state: 'UP' },
    { name: 'c', url: down, state: 'DOWN' },
  ]);
  vars = { A: a.url, B: b.url, D: directory.url };
  engine = newEngine({ concurrency: 4 });
});
afterAll(async () => {
  await engine.close();
  await Promise.all([a.close(), b.close(), directory.close()]);
});
beforeEach(clear);

describe('a JOIN feeds a required param of the other side', () => {
  it('lists the parent, then the child once per distinct parent value, and joins locally', async () => {
    const result = await run(
      `SELECT c.channel_id, d.delivery_id, d.outcome FROM ${CHANNELS} c
       JOIN ${DELIVERIES} d ON d.channel_id = c.channel_id AND d.region = c.region
       WHERE c.region = '{{ A }}' ORDER BY d.delivery_id`,
    );
    expect(objects(result)).toEqual([
      { channel_id: 'ch-a1', delivery_id: 'd1', outcome: 'SENT' },
      { channel_id: 'ch-a1', delivery_id: 'd2', outcome: 'FAILED' },
      { channel_id: 'ch-a2', delivery_id: 'd3', outcome: 'SENT' },
    ]);
    expect(seen(a)[0]).toBe('GET /v1/channels');
    expect(seen(a).slice(1).sort()).toEqual(['GET /v1/deliveries?channel_id=ch-a1', 'GET /v1/deliveries?channel_id=ch-a2', 'GET /v1/deliveries?channel_id=ch-a3']);
    expect(result.stats.requests).toBe(4);
  });

  it.each([
    ['WHERE on the parent, ON on the child', `WHERE c.region = '{{ A }}' AND c.kind = 'EMAIL'`, `AND d.outcome = 'FAILED'`],
    ['both in WHERE', `WHERE c.region = '{{ A }}' AND c.kind = 'EMAIL' AND d.outcome = 'FAILED'`, ''],
  ])('pushes each side’s own predicates to its own calls (%s)', async (_, where, on) => {
    const result = await run(
      `SELECT d.delivery_id FROM ${CHANNELS} c JOIN ${DELIVERIES} d ON d.channel_id = c.channel_id AND d.region = c.region ${on} ${where}`,
    );
    expect(objects(result)).toEqual([{ delivery_id: 'd2' }]);
    expect(seen(a)[0]).toBe('GET /v1/channels?kind=EMAIL');
    expect(seen(a).slice(1).sort()).toEqual(['GET /v1/deliveries?channel_id=ch-a1&outcome=FAILED', 'GET /v1/deliveries?channel_id=ch-a3&outcome=FAILED']);
  });

  it('takes the child’s workspace from a literal in ON as well as from the parent’s rows', async () => {
    const result = await run(
      `SELECT count(*) AS n FROM ${CHANNELS} c JOIN ${DELIVERIES} d ON d.channel_id = c.channel_id AND d.region = '{{ A }}' WHERE c.region = '{{ A }}'`,
    );
    expect(objects(result)).toEqual([{ n: 3 }]);
    expect(seen(a).filter((r) => r.includes('deliveries'))).toHaveLength(3);
  });

  it('fans out per (value, workspace) pair when the parent spans workspaces: each child call goes where its parent row came from', async () => {
    const result = await run(
      `SELECT d.region = '{{ B }}' AS in_b, d.delivery_id FROM ${CHANNELS} c
       JOIN ${DELIVERIES} d ON d.channel_id = c.channel_id AND d.region = c.region
       WHERE c.region IN ('{{ A }}', '{{ B }}') AND d.outcome = 'FAILED' ORDER BY 2`,
    );
    expect(objects(result)).toEqual([{ in_b: 0, delivery_id: 'd2' }, { in_b: 1, delivery_id: 'd4' }]);
    expect(seen(b)).toEqual(['GET /v1/channels', 'GET /v1/deliveries?channel_id=ch-b1&outcome=FAILED']);
    expect(seen(a).filter((r) => r.includes('ch-b1'))).toEqual([]);
  });

  it('works for LEFT JOIN: parents with no matching child keep a row of NULLs', async () => {
    const result = await run(
      `SELECT c.channel_id FROM ${CHANNELS} c
       LEFT JOIN ${DELIVERIES} d ON d.channel_id = c.channel_id AND d.region = c.region AND d.outcome = 'FAILED'
       WHERE c.region = '{{ A }}' AND d.delivery_id IS NULL ORDER BY 1`,
    );
    expect(objects(result)).toEqual([{ channel_id: 'ch-a2' }, { channel_id: 'ch-a3' }]);
  });

  it('when the parent has no rows then the child is never called', async () => {
    const result = await run(
      `SELECT d.delivery_id FROM ${CHANNELS} c JOIN ${DELIVERIES} d ON d.channel_id = c.channel_id AND d.region = c.region WHERE c.region = '{{ A }}' AND c.kind = 'PAGER'`,
    );
    expect(result.rows).toEqual([]);
    expect(seen(a)).toEqual(['GET /v1/channels?kind=PAGER']);
  });

  it('JOIN … USING (channel_id, region) feeds like the ON it stands for', async () => {
    const result = await run(`SELECT channel_id, d.delivery_id FROM ${CHANNELS} c JOIN ${DELIVERIES} d USING (channel_id, region) WHERE c.region = '{{ B }}'`);
    expect(objects(result)).toEqual([{ channel_id: 'ch-b1', delivery_id: 'd4' }]);
    expect(seen(b)).toEqual(['GET /v1/channels', 'GET /v1/deliveries?channel_id=ch-b1']);
  });

  it('a comma join with the link in WHERE feeds just the same', async () => {
    const result = await run(
      `SELECT count(*) AS n FROM ${CHANNELS} c, ${DELIVERIES} d WHERE d.channel_id = c.channel_id AND d.region = c.region AND c.region = '{{ B }}'`,
    );
    expect(objects(result)).toEqual([{ n: 1 }]);
    expect(seen(b)).toEqual(['GET /v1/channels', 'GET /v1/deliveries?channel_id=ch-b1']);
  });
});

describe('joins that need no feeding stay one listing per side', () => {
  it('aliases map, ON conjuncts of the joined side push down, EXISTS over json_each(alias.col) works', async () => {
    // Channels of A whose kind has no ops-labelled channel in B (the shape of a coverage query).
    const result = await run(
      `SELECT c.channel_id FROM ${CHANNELS} c
       LEFT JOIN ${CHANNELS} o ON o.kind = c.kind AND o.region = '{{ B }}' AND o.kind = 'EMAIL'
        AND EXISTS (SELECT 1 FROM json_each(o.labels) e WHERE e.value = 'ops')
       WHERE c.region = '{{ A }}' AND o.channel_id IS NULL ORDER BY 1`,
    );
    expect(objects(result)).toEqual([{ channel_id: 'ch-a2' }]);
    expect(seen(a)).toEqual(['GET /v1/channels']);
    expect(seen(b)).toEqual(['GET /v1/channels?kind=EMAIL']);
  });

  it('JOIN without ON is a cross join', async () => {
    const result = await run(`SELECT count(*) AS n FROM ${CHANNELS} x JOIN ${CHANNELS} y WHERE x.region = '{{ A }}' AND y.region = '{{ B }}'`);
    expect(objects(result)).toEqual([{ n: 3 }]);
  });
});

describe('a subquery feeds a param', () => {
  it('`param IN (SELECT …)` is resolved first, with its own pushdown, then fanned out', async () => {
    const result = await run(
      `SELECT delivery_id FROM ${DELIVERIES} WHERE region = '{{ A }}'
       AND channel_id IN (SELECT channel_id FROM ${CHANNELS} WHERE region = '{{ A }}' AND kind = 'SMS')`,
    );
    expect(objects(result)).toEqual([{ delivery_id: 'd3' }]);
    expect(seen(a)).toEqual(['GET /v1/channels?kind=SMS', 'GET /v1/deliveries?channel_id=ch-a2']);
  });

  it('the server param from a subquery: every workspace it names is listed, the others never contacted', async () => {
    const result = await run(
      `SELECT region = '{{ A }}' AS is_a, count(*) AS n FROM ${CHANNELS}
       WHERE region IN (SELECT url FROM ${REGIONS} WHERE directory = '{{ D }}' AND state = 'UP')
       GROUP BY region ORDER BY is_a`,
    );
    expect(objects(result)).toEqual([{ is_a: 0, n: 1 }, { is_a: 1, n: 3 }]);
    expect([seen(directory), seen(a), seen(b)]).toEqual([['GET /v1/regions'], ['GET /v1/channels'], ['GET /v1/channels']]);
  });

  it('chains: regions from a subquery feed the channels, whose rows feed the deliveries', async () => {
    const progress: Progress[] = [];
    const chained = newEngine({ onProgress: (p) => progress.push(p) });
    try {
      const result = await run(
        `SELECT d.delivery_id FROM ${CHANNELS} c JOIN ${DELIVERIES} d ON d.channel_id = c.channel_id AND d.region = c.region
         WHERE c.region IN (SELECT url FROM ${REGIONS} WHERE directory = '{{ D }}' AND state = 'UP') AND d.outcome = 'FAILED' ORDER BY 1`,
        chained,
      );
      expect(objects(result)).toEqual([{ delivery_id: 'd2' }, { delivery_id: 'd4' }]);
      // 1 directory listing, 2 channel listings, 4 delivery listings (one per channel).
      expect(result.stats.requests).toBe(7);
      expect(progress.at(-1)?.calls).toEqual({ done: 7, total: 7 });
    } finally {
      await chained.close();
    }
  });
});

describe('bounded, cancellable per-value calls', () => {
  it('never has more per-value calls in flight than the concurrency', async () => {
    const many = await startRegion(
      {
        channels: Array.from({ length: 12 }, (_, i) => ({ channel_id: `ch${i}`, kind: 'EMAIL' as const, labels: [] })),
        deliveries: Array.from({ length: 12 }, (_, i) => ({ delivery_id: `d${i}`, channel_id: `ch${i}`, outcome: 'SENT' as const, attempt: 1 })),
      },
      { deliveriesDelay: 30 },
    );
    const bounded = newEngine({ concurrency: 3 });
    try {
      const result = await bounded.run(
        `SELECT count(*) AS n FROM ${CHANNELS} c JOIN ${DELIVERIES} d ON d.channel_id = c.channel_id AND d.region = c.region WHERE c.region = '${many.url}'`,
      );
      expect(objects(result[0])).toEqual([{ n: 12 }]);
      expect(seen(many).filter((r) => r.includes('deliveries'))).toHaveLength(12);
      expect(many.maxInFlight()).toBeLessThanOrEqual(3);
    } finally {
      await bounded.close();
      await many.close();
    }
  });

  it('Ctrl-C while per-value calls are in flight aborts them and rejects with CANCELLED', async () => {
    const stuck = await startRegion(
      { channels: [{ channel_id: 'x', kind: 'SMS', labels: [] }, { channel_id: 'y', kind: 'SMS', labels: [] }], deliveries: [] },
      { deliveriesDelay: 'hang' },
    );
    const controller = new AbortController();
    const poll = setInterval(() => {
      if (stuck.requests.some((r) => r.path === '/v1/deliveries')) controller.abort();
    }, 20);
    try {
      const sql = `SELECT d.delivery_id FROM ${CHANNELS} c JOIN ${DELIVERIES} d ON d.channel_id = c.channel_id AND d.region = c.region WHERE c.region = '${stuck.url}'`;
      await expect(engine.run(sql, { signal: controller.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
    } finally {
      clearInterval(poll);
      await stuck.close();
    }
  });

  it('one failed per-value call fails the statement (exit 1), never a partial table', async () => {
    const mixed = await startRegion({
      channels: [{ channel_id: 'ok', kind: 'SMS', labels: [] }, { channel_id: 'forbidden', kind: 'SMS', labels: [] }],
      deliveries: [{ delivery_id: 'd', channel_id: 'ok', outcome: 'SENT', attempt: 1 }],
    });
    try {
      const sql = `SELECT d.delivery_id FROM ${CHANNELS} c JOIN ${DELIVERIES} d ON d.channel_id = c.channel_id AND d.region = c.region WHERE c.region = '${mixed.url}'`;
      await expect(engine.run(sql)).rejects.toMatchObject({ code: 'API_403', exitCode: 1 });
    } finally {
      await mixed.close();
    }
  });

  it('the deadline aborts a per-value call that never answers (DEADLINE, exit 1)', async () => {
    const stuck = await startRegion({ channels: [{ channel_id: 'x', kind: 'SMS', labels: [] }], deliveries: [] }, { deliveriesDelay: 'hang' });
    const hurried = newEngine({ deadlineMs: 300 });
    try {
      const sql = `SELECT d.delivery_id FROM ${CHANNELS} c JOIN ${DELIVERIES} d ON d.channel_id = c.channel_id AND d.region = c.region WHERE c.region = '${stuck.url}'`;
      await expect(hurried.run(sql)).rejects.toMatchObject({ code: 'DEADLINE', exitCode: 1 });
      expect(seen(stuck)).toEqual(['GET /v1/channels', 'GET /v1/deliveries?channel_id=x']);
    } finally {
      await hurried.close();
      await stuck.close();
    }
  });
});

describe('refused before anything is sent (exit 2)', () => {
  it.each([
    [
      'a required param neither given nor fed',
      `SELECT * FROM ${DELIVERIES} WHERE region = '{{ A }}'`,
      { code: 'MISSING_PARAMETER', message: `missing required parameter 'channel_id' for SELECT on ${DELIVERIES}` },
      /add WHERE channel_id = '<channel_id>', or take it from another table: JOIN … ON channel_deliveries\.channel_id = <other>\.<column>, or channel_id IN \(SELECT <column> FROM …\)/,
    ],
    [
      'the preserved side of a LEFT JOIN cannot be fed by the joined side',
      `SELECT * FROM ${DELIVERIES} d LEFT JOIN ${CHANNELS} c ON c.channel_id = d.channel_id AND c.region = '{{ A }}' WHERE d.region = '{{ A }}'`,
      { code: 'MISSING_PARAMETER', message: `missing required parameter 'channel_id' for SELECT on ${DELIVERIES}` },
      /d\.channel_id/,
    ],
    [
      'two scans feeding each other',
      `SELECT * FROM ${DELIVERIES} x JOIN ${DELIVERIES} y ON x.channel_id = y.channel_id WHERE x.region = '{{ A }}' AND y.region = '{{ A }}'`,
      { code: 'SQL_UNSUPPORTED', message: expect.stringMatching(/feed each other's required inputs \((x → y → x|y → x → y)\)/) },
      /give one of them its value directly/,
    ],
    [
      'a feeding subquery that refers to the outer query',
      `SELECT * FROM ${DELIVERIES} d WHERE d.region = '{{ A }}' AND d.channel_id IN (SELECT channel_id FROM ${CHANNELS} c WHERE c.region = '{{ A }}' AND c.kind = d.outcome)`,
      { code: 'SQL_UNSUPPORTED', message: expect.stringMatching(/^the subquery in d\.channel_id IN \(SELECT …\) cannot run on its own/) },
      /must stand alone/,
    ],
    [
      'a feeding subquery with two columns',
      `SELECT * FROM ${DELIVERIES} WHERE region = '{{ A }}' AND channel_id IN (SELECT channel_id, kind FROM ${CHANNELS} WHERE region = '{{ A }}')`,
      { code: 'SQL_UNSUPPORTED' },
      /./,
    ],
  ])('%s', async (_, sql, error, hint) => {
    const rejection = await engine.run(sql, { vars }).catch((e: unknown) => e);
    expect(rejection).toMatchObject({ ...error, exitCode: 2 });
    expect((rejection as { hint?: string }).hint).toMatch(hint);
    expect([seen(a), seen(b), seen(directory)]).toEqual([[], [], []]);
  });
});

describe('the plan (what EXPLAIN prints) shows which scan feeds which param', () => {
  it('a dependent scan has no requests yet, and names its feeds', async () => {
    const [plan] = engine.plan(
      `SELECT d.delivery_id FROM ${CHANNELS} c JOIN ${DELIVERIES} d ON d.channel_id = c.channel_id AND d.region = c.region WHERE c.region = '{{ A }}'`,
      { vars },
    ) as QueryPlan[];
    expect(plan.scans.map((s) => [s.qualifier, s.requests.length])).toEqual([['c', 1], ['d', 0]]);
    expect(plan.scans[0].dependent).toBeNull();
    expect(plan.scans[1].dependent).toEqual({
      method: 'list',
      workspaces: null,
      values: {},
      feeds: [
        {
          kind: 'join',
          inputs: ['channel_id', 'region'],
          after: ['__hookql_scan_0'],
          via: 'd.channel_id = c.channel_id AND d.region = c.region',
          sql: 'SELECT DISTINCT "c"."channel_id", "c"."region" FROM "__hookql_scan_0" AS "c" WHERE "c"."channel_id" IS NOT NULL AND "c"."region" IS NOT NULL AND "__hookql_pred_0"',
        },
      ],
    });
    expect([seen(a), seen(b)]).toEqual([[], []]);
  });
});
