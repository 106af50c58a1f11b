// Two engine capabilities the front ends rely on, proven on the fixture resource (no webhook in
// sight): `$n` parameters bound as literals, and an access mode that refuses writes (or deletes)
// before anything is resolved or sent.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';
import { bindParams } from '../../src/parse/bind-params.js';

const fixtures = fileURLToPath(new URL('../fixtures/resources', import.meta.url));
const RES = 'acme_cloud.alerts.notification_channels';
// Port 9 (discard) on loopback: nothing listens; a request sent there would fail with NETWORK.
const REGION = 'http://127.0.0.1:9';
const engine = createEngine({ env: { DATABRICKS_TOKEN: 't' }, homeDir: mkdtempSync(join(tmpdir(), 'hookql-')), resourceDirs: [fixtures] });
afterAll(() => engine.close());

describe('$n parameters', () => {
  it.each([
    ['a string, quotes doubled', 'SELECT $1', ["it's"], "SELECT 'it''s'"],
    ['numbers and booleans as is, null as NULL', 'SELECT $1, $2, $3', [5, true, null], 'SELECT 5, TRUE, NULL'],
    ['not inside literals, identifiers or comments', `SELECT '$1', "$1" -- $1\n, $1`, ['x'], `SELECT '$1', "$1" -- $1\n, 'x'`],
    ['an integer text after LIMIT / OFFSET as a number', 'SELECT 1 LIMIT $1 OFFSET $2', ['5', '1'], 'SELECT 1 LIMIT 5 OFFSET 1'],
    ['$10 is the tenth, not $1 then 0', 'SELECT $10', Array.from({ length: 10 }, (_, i) => i + 1), 'SELECT 10'],
  ])('binds %s', (_, sql, params, bound) => {
    expect(bindParams(sql, params)).toBe(bound);
  });

  it('names a placeholder with no value', () => {
    expect(() => bindParams('SELECT $2', ['a'])).toThrow('no value for parameter $2 (1 given)');
  });

  it('are bound before planning, so they reach the request', () => {
    const [plan] = engine.plan(`SELECT channel_id FROM ${RES} WHERE region = $1 AND kind = $2`, { params: [REGION, 'EMAIL'] });
    expect(plan).toMatchObject({ kind: 'query', scans: [{ requests: [{ workspace: REGION, query: [['kind', 'EMAIL']] }] }] });
  });
});

describe('access modes', () => {
  const insert = `INSERT INTO ${RES} (region, kind, target) VALUES ('${REGION}', 'EMAIL', '{"address": "a@example.com"}')`;
  const remove = `EXEC ${RES}.remove @region='${REGION}', @channel_id='ch1'`;

  it('read refuses a write before sending it, with the front end\'s hint', async () => {
    await expect(engine.run(insert, { access: { allow: 'read', hint: 'start it with --allow-writes' } })).rejects.toMatchObject({
      code: 'WRITE_NOT_ALLOWED',
      exitCode: 2,
      message: `this session is read-only: create on ${RES} was refused, nothing was sent`,
      hint: 'start it with --allow-writes',
    });
  });

  it('no-delete refuses a method that deletes', async () => {
    await expect(engine.run(remove, { access: { allow: 'no-delete', hint: 'h' } })).rejects.toMatchObject({ code: 'WRITE_NOT_ALLOWED', message: `this session may not delete: remove on ${RES} was refused, nothing was sent` });
  });

  it('no-delete lets a create through (it fails only at the network, proving it was sent)', async () => {
    await expect(engine.run(insert, { access: { allow: 'no-delete', hint: 'h' } })).rejects.toMatchObject({ code: 'NETWORK' });
  });

  it('a script with one refused write runs none of it', async () => {
    await expect(engine.run(`SELECT 1; ${remove}`, { access: { allow: 'read', hint: 'h' } })).rejects.toMatchObject({ code: 'WRITE_NOT_ALLOWED' });
  });
});
