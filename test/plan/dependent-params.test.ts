// Planning joins and dependent params with the fixture resources (no network): which predicates go
// to which scan's requests, which required inputs are fed by which scan, and what is refused.

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadRegistry } from '../../src/definition/index.js';
import { parseScript } from '../../src/parse/index.js';
import { planStatement } from '../../src/plan/index.js';
import type { QueryPlan, ScanPlan } from '../../src/plan/types.js';

const registry = loadRegistry([fileURLToPath(new URL('../fixtures/resources', import.meta.url))]);
const C = 'acme_cloud.alerts.notification_channels';
const D = 'acme_cloud.alerts.channel_deliveries';
const R = 'acme_cloud.alerts.regions';

const plan = (sql: string, defaultWorkspace?: string) =>
  planStatement(parseScript(sql, {})[0], registry, { concurrency: 4, evaluate: () => [], defaultWorkspace }) as QueryPlan;

/** A scan as one line: its qualifier, then its requests, or what feeds it. */
function summary(scan: ScanPlan): string {
  const requests = scan.requests.map((r) => `${r.workspace} ${r.path}${r.query.length ? `?${r.query.map(([k, v]) => `${k}=${v}`).join('&')}` : ''}`);
  if (scan.dependent === null) return `${scan.qualifier}: ${requests.join(' | ')}`;
  const { workspaces, values, feeds } = scan.dependent;
  const own = [`workspaces ${workspaces === null ? 'fed' : workspaces.join(',')}`, ...Object.entries(values).map(([k, v]) => `${k}=${String(v)}`)];
  return `${scan.qualifier}: ${own.join(' ')}; ${feeds.map((f) => `${f.kind} [${f.inputs.join(',')}] after ${f.after.join(',')} via ${f.via}`).join('; ')}`;
}

describe('each side of a join gets its own predicates', () => {
  it.each([
    [
      'WHERE conjuncts go to the scan their alias names',
      `SELECT 1 FROM ${C} x JOIN ${C} y ON y.kind = x.kind WHERE x.region = 'a' AND y.region = 'b' AND x.kind = 'SMS'`,
      ['x: a /v1/channels?kind=SMS', 'y: b /v1/channels'],
    ],
    [
      'an inner JOIN’s ON pushes conjuncts of either side',
      `SELECT 1 FROM ${C} x JOIN ${C} y ON x.kind = 'EMAIL' AND y.region = 'b' WHERE x.region = 'a'`,
      ['x: a /v1/channels?kind=EMAIL', 'y: b /v1/channels'],
    ],
    [
      'a LEFT JOIN’s ON pushes only the joined table’s conjuncts (the preserved side keeps its rows)',
      `SELECT 1 FROM ${C} x LEFT JOIN ${C} y ON y.region = 'b' AND y.kind = 'SMS' AND x.kind = 'EMAIL' WHERE x.region = 'a'`,
      ['x: a /v1/channels', 'y: b /v1/channels?kind=SMS'],
    ],
    [
      'an optional param compared with another table’s column is not fanned out (one listing is cheaper)',
      `SELECT 1 FROM ${C} x JOIN ${C} y ON y.kind = x.kind AND y.region = x.region WHERE x.region = 'a' AND y.region = 'a'`,
      ['x: a /v1/channels', 'y: a /v1/channels'],
    ],
    [
      'JOIN without ON',
      `SELECT 1 FROM ${C} x JOIN ${C} y WHERE x.region = 'a' AND y.region = 'b'`,
      ['x: a /v1/channels', 'y: b /v1/channels'],
    ],
  ])('%s', (_, sql, expected) => {
    expect(plan(sql).scans.map(summary)).toEqual(expected);
  });
});

describe('a required input the statement leaves out is fed by another scan', () => {
  it.each([
    [
      'by a JOIN column, the workspace given in ON',
      `SELECT 1 FROM ${C} c JOIN ${D} d ON d.channel_id = c.channel_id AND d.region = 'a' WHERE c.region = 'a'`,
      ['c: a /v1/channels', 'd: workspaces a; join [channel_id] after __hookql_scan_0 via d.channel_id = c.channel_id'],
    ],
    [
      'by JOIN columns that travel together as one tuple (the workspace too)',
      `SELECT 1 FROM ${C} c JOIN ${D} d ON d.channel_id = c.channel_id AND d.region = c.region WHERE c.region IN ('a', 'b')`,
      ['c: a /v1/channels | b /v1/channels', 'd: workspaces fed; join [channel_id,region] after __hookql_scan_0 via d.channel_id = c.channel_id AND d.region = c.region'],
    ],
    [
      'by columns of two different scans: two feeds (every combination is asked)',
      `SELECT 1 FROM ${C} c, ${R} r, ${D} d WHERE d.channel_id = c.channel_id AND d.region = r.url AND c.region = 'a' AND r.directory = 'dir'`,
      ['c: a /v1/channels', 'r: dir /v1/regions', 'd: workspaces fed; join [region] after __hookql_scan_1 via d.region = r.url; join [channel_id] after __hookql_scan_0 via d.channel_id = c.channel_id'],
    ],
    [
      'by a subquery, with its own pushdown; the other inputs stay the statement’s',
      `SELECT 1 FROM ${D} WHERE region = 'a' AND outcome = 'FAILED' AND channel_id IN (SELECT channel_id FROM ${C} WHERE region = 'a' AND kind = 'SMS')`,
      ['__hookql_scan_0: workspaces a outcome=FAILED; subquery [channel_id] after __hookql_scan_1 via channel_deliveries.channel_id IN (SELECT …)', '__hookql_scan_1: a /v1/channels?kind=SMS'],
    ],
    [
      'the server param by a subquery',
      `SELECT 1 FROM ${C} WHERE region IN (SELECT url FROM ${R} WHERE directory = 'dir' AND state = 'UP')`,
      ['__hookql_scan_0: workspaces fed; subquery [region] after __hookql_scan_1 via notification_channels.region IN (SELECT …)', '__hookql_scan_1: dir /v1/regions'],
    ],
    [
      'in a chain: the subquery feeds the parent, whose rows feed the child',
      `SELECT 1 FROM ${C} c JOIN ${D} d ON d.channel_id = c.channel_id AND d.region = c.region WHERE c.region IN (SELECT url FROM ${R} WHERE directory = 'dir')`,
      [
        'c: workspaces fed; subquery [region] after __hookql_scan_2 via c.region IN (SELECT …)',
        'd: workspaces fed; join [channel_id,region] after __hookql_scan_0 via d.channel_id = c.channel_id AND d.region = c.region',
        '__hookql_scan_2: dir /v1/regions',
      ],
    ],
  ])('%s', (_, sql, expected) => {
    expect(plan(sql).scans.map(summary)).toEqual(expected);
  });

  it.each([
    ['JOIN … USING (col)', `SELECT 1 FROM ${C} c JOIN ${D} d USING (channel_id) WHERE c.region = 'a' AND d.region = 'a'`, 'd: workspaces a; join [channel_id] after __hookql_scan_0 via d.channel_id = c.channel_id'],
    ['LEFT JOIN … USING (col)', `SELECT 1 FROM ${C} c LEFT JOIN ${D} d USING (channel_id, region) WHERE c.region = 'a'`, 'd: workspaces fed; join [channel_id,region] after __hookql_scan_0 via d.channel_id = c.channel_id AND d.region = c.region'],
  ])('%s feeds the joined table like the ON it stands for', (_, sql, fed) => {
    expect(plan(sql).scans.map(summary)).toEqual(['c: a /v1/channels', fed]);
  });

  it('a literal wins over a feed: the scan is not dependent', () => {
    const p = plan(`SELECT 1 FROM ${C} c JOIN ${D} d ON d.channel_id = c.channel_id WHERE c.region = 'a' AND d.region = 'a' AND d.channel_id = 'ch1'`);
    expect(p.scans.map(summary)).toEqual(['c: a /v1/channels', 'd: a /v1/deliveries?channel_id=ch1']);
  });

  it('the default workspace gives a dependent scan its workspace when nothing else does', () => {
    const p = plan(`SELECT 1 FROM ${C} c JOIN ${D} d ON d.channel_id = c.channel_id`, 'dflt');
    expect(p.scans.map(summary)).toEqual(['c: dflt /v1/channels', 'd: workspaces dflt; join [channel_id] after __hookql_scan_0 via d.channel_id = c.channel_id']);
  });

  it('a join feed reads only the source rows that pass the source’s own checks', () => {
    const p = plan(`SELECT 1 FROM ${C} c JOIN ${D} d ON d.channel_id = c.channel_id AND d.region = 'a' WHERE c.region = 'a' AND c.kind = 'SMS'`);
    const feed = p.scans[1].dependent?.feeds[0];
    expect(feed?.sql).toBe(
      'SELECT DISTINCT "c"."channel_id" FROM "__hookql_scan_0" AS "c" WHERE "c"."channel_id" IS NOT NULL AND "__hookql_pred_1" AND "__hookql_pred_2"',
    );
    expect(Object.keys(p.scans[0].slots)).toEqual(['__hookql_pred_1', '__hookql_pred_2']);
  });

  it('the subquery that feeds an input is also its local check', () => {
    const p = plan(`SELECT 1 FROM ${D} WHERE region = 'a' AND channel_id IN (SELECT channel_id FROM ${C} WHERE region = 'a')`);
    expect(p.sql).toBe('SELECT 1 AS "1" FROM "__hookql_scan_0" WHERE "__hookql_pred_0" AND "__hookql_pred_1"');
    expect(p.scans[0].slots.__hookql_pred_1).toEqual({ kind: 'in-select', column: 'channel_id', match: 'equals', sql: 'SELECT channel_id FROM "__hookql_scan_1" WHERE "__hookql_pred_2"' });
  });
});

describe('refused at plan time', () => {
  it.each([
    ['a required input neither given nor fed', `SELECT 1 FROM ${D} WHERE region = 'a'`, 'MISSING_PARAMETER', /missing required parameter 'channel_id' for SELECT on acme_cloud\.alerts\.channel_deliveries/],
    ['a workspace neither given nor fed (no default)', `SELECT 1 FROM ${C} c JOIN ${D} d ON d.channel_id = c.channel_id WHERE c.region = 'a'`, 'MISSING_PARAMETER', /missing required parameter 'region' for SELECT on acme_cloud\.alerts\.channel_deliveries/],
    ['a link under OR feeds nothing', `SELECT 1 FROM ${C} c JOIN ${D} d ON d.channel_id = c.channel_id OR d.region = 'a' WHERE c.region = 'a' AND d.region = 'a'`, 'MISSING_PARAMETER', /'channel_id'/],
    ['a LEFT JOIN link cannot feed the preserved side', `SELECT 1 FROM ${D} d LEFT JOIN ${C} c ON c.channel_id = d.channel_id AND c.region = 'a' WHERE d.region = 'a'`, 'MISSING_PARAMETER', /'channel_id'/],
    ['scans feeding each other', `SELECT 1 FROM ${D} x JOIN ${D} y ON y.channel_id = x.channel_id WHERE x.region = 'a' AND y.region = 'a'`, 'SQL_UNSUPPORTED', /feed each other's required inputs/],
  ])('%s', (_, sql, code, message) => {
    let error: unknown;
    try {
      plan(sql);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code, exitCode: 2, message: expect.stringMatching(message) });
  });

  it('the missing-parameter hint shows the WHERE, JOIN and subquery spellings, qualified as written', () => {
    expect(() => plan(`SELECT 1 FROM ${C} c JOIN ${D} d ON d.region = c.region WHERE c.region = 'a'`)).toThrowError(
      expect.objectContaining({ hint: "add WHERE d.channel_id = '<channel_id>', or take it from another table: JOIN … ON d.channel_id = <other>.<column>, or d.channel_id IN (SELECT <column> FROM …)" }),
    );
  });
});
