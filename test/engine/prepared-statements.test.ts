// engine.prepare: a `$n` statement parsed once, bound many times. Proven on the fixture resource:
// whatever path it takes, a prepared run plans exactly what engine.plan plans for the bound text.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';
import { bindParams } from '../../src/parse/bind-params.js';
import { prepareTemplate } from '../../src/parse/prepare-statement.js';
import type { Plan } from '../../src/plan/types.js';

const fixtures = fileURLToPath(new URL('../fixtures/resources', import.meta.url));
const RES = 'acme_cloud.alerts.notification_channels';
const REGION = 'http://127.0.0.1:9';
const engine = createEngine({ env: { DATABRICKS_TOKEN: 't' }, homeDir: mkdtempSync(join(tmpdir(), 'hookql-')), resourceDirs: [fixtures] });
afterAll(() => engine.close());

const INSERT = `INSERT INTO ${RES} (region, kind, target)\nSELECT $1, $2, $3\nRETURNING *;`;

/** A plan without the statement texts, which differ by design (the template vs the bound text). */
function withoutText(plans: readonly Plan[]): unknown {
  return JSON.parse(JSON.stringify(plans, (key, value) => (key === 'text' ? undefined : value)));
}

describe('engine.prepare', () => {
  it('parses an INSERT of literals once and binds values as the bound text would', () => {
    expect(prepareTemplate(INSERT).parsed).not.toBeNull();
    const prepared = engine.prepare(INSERT);
    for (const params of [
      [REGION, 'EMAIL', '{"address": "a@example.com"}'],
      [REGION, 'SMS', `{"address": "it's {{ not a var }} $1"}`],
    ]) {
      expect(withoutText(prepared.plan(params))).toEqual(withoutText(engine.plan(bindParams(INSERT, params))));
    }
  });

  it('keeps values out of the statement text', () => {
    const [plan] = engine.prepare(INSERT).plan([REGION, 'EMAIL', '{"address": "secret@example.com"}']);
    expect(plan).toMatchObject({ kind: 'mutation', text: `INSERT INTO ${RES} (region, kind, target)\nSELECT $1, $2, $3\nRETURNING *` });
  });

  it('rejects a bad value as planning the bound text does, before sending anything', async () => {
    const params = [REGION, 'EMAIL', 'not json'];
    expect(() => engine.plan(bindParams(INSERT, params))).toThrow(/not valid JSON/);
    await expect(engine.prepare(INSERT).run(params)).rejects.toThrow(/not valid JSON/);
  });

  it.each([
    ['a DELETE (its WHERE picks the rows)', `DELETE FROM ${RES} WHERE region = $1 AND kind = $2 AND channel_id = $3`],
    ['a SELECT', `SELECT $3 AS t FROM ${RES} WHERE region = $1 AND kind = $2`],
    ['a LIMIT parameter', `INSERT INTO ${RES} (region, kind, target) SELECT $1, $2, $3 LIMIT 1`],
    ['a $n inside a literal', `INSERT INTO ${RES} (region, kind, target) SELECT $1, $2, '{"address": "$3"}'`],
  ])('parses %s afresh per binding, with the same plan', (_, sql) => {
    expect(prepareTemplate(sql).parsed).toBeNull();
    const params = [REGION, 'EMAIL', '{"address": "a@example.com"}'];
    expect(withoutText(engine.prepare(sql).plan(params))).toEqual(withoutText(engine.plan(bindParams(sql, params))));
  });

  it('binds a number, boolean or null through the bound text, as engine.run does', () => {
    const sql = `INSERT INTO ${RES} (region, kind, target) SELECT $1, $2, $3`;
    const params = [REGION, 'EMAIL', null];
    expect(() => engine.prepare(sql).plan(params)).toThrow();
    expect(() => engine.plan(bindParams(sql, params))).toThrow();
  });

  it('checks vars as engine.run does (an unused --var is refused)', async () => {
    const params = [REGION, 'EMAIL', '{"address": "a@example.com"}'];
    await expect(engine.prepare(INSERT).run(params, { vars: { typo: 'x' }, strictVars: true })).rejects.toThrow(/no \{\{ typo \}\} placeholder/);
  });
});
