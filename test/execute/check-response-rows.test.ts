// A listing's rows are checked by a generated yes/no function per field list (check-response.ts
// fitter()), and a row that fails is explained by misfit(), which also checks a single row (a
// create's answer). Both must agree on every row: a page with a bad row names the same first bad
// value as that row alone would, and a page of good rows passes. Checked on random rows.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FieldDef, ValueType } from '../../src/definition/types.js';
import type { ResponseShape } from '../../src/definition/response-shape.js';
import { checkResponse } from '../../src/execute/check-response.js';

const field = (name: string, type: ValueType, more: Partial<FieldDef> = {}): FieldDef =>
  ({ name, type, description: '', enum: null, items: null, properties: [], required: false, writeOnly: false, readOnly: false, minimum: null, ...more }) as FieldDef;

// Shaped like the webhooks' fields: scalars, an array of strings, nested objects (one nested twice).
const FIELDS: FieldDef[] = [
  field('id', 'string'),
  field('creation_timestamp', 'integer'),
  field('score', 'number'),
  field('enabled', 'boolean'),
  field('events', 'array', { items: 'string' }),
  field('tags', 'array'),
  field('http_url_spec', 'object', { properties: [field('url', 'string'), field('enable_ssl_verification', 'boolean'), field('retry', 'object', { properties: [field('count', 'integer')] })] }),
  field('meta', 'object'),
  field('weird "name"\\', 'string'),
];
const list: ResponseShape = { kind: 'list', objectKey: 'webhooks', alternativeKeys: [], requiredId: null, pageToken: 'next_page_token', fields: FIELDS };
const one: ResponseShape = { kind: 'row', objectKey: 'webhook', alternativeKeys: [], requiredId: null, pageToken: null, fields: FIELDS };

// Deterministic pseudo-random values of every JSON kind, mostly of the declared type.
function rng(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}
const anyValue = (r: () => number, depth = 0): unknown => {
  const k = Math.floor(r() * 9);
  return [null, undefined, 'x', '12', ' ', 3, 2.5, true, depth < 2 ? [anyValue(r, depth + 1)] : {}][k];
};
function value(r: () => number, f: FieldDef): unknown {
  if (r() < 0.08) return anyValue(r);
  switch (f.type) {
    case 'string': return r() < 0.5 ? 'abc' : 17;
    case 'integer': return r() < 0.5 ? 1700000000000 : '-42';
    case 'number': return r() < 0.5 ? 0.5 : '1e3';
    case 'boolean': return r() < 0.5;
    case 'array': return Array.from({ length: Math.floor(r() * 3) }, () => (r() < 0.9 ? 'MODEL_VERSION_CREATED' : anyValue(r)));
    case 'object': return f.properties.length === 0 ? { any: anyValue(r) } : row(r, f.properties);
  }
}
function row(r: () => number, fields: readonly FieldDef[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) if (r() < 0.85) out[f.name] = value(r, f);
  return out;
}

describe('checking the rows of a page', () => {
  it('agrees with checking each row on its own, for random rows', () => {
    const r = rng(7);
    let bad = 0;
    for (let n = 0; n < 3000; n++) {
      const candidate = row(r, FIELDS);
      const alone = checkResponse({ webhook: candidate }, one);
      const good = { id: 'ok' };
      const inPage = checkResponse({ webhooks: [good, good, candidate, good] }, list);
      if (alone === null) expect(inPage).toBeNull();
      else {
        bad++;
        expect(inPage).toEqual({ kind: 'mismatch', message: alone.message.replace(/^webhook/, 'webhooks[2]') });
      }
    }
    // Both outcomes were exercised.
    expect(bad).toBeGreaterThan(300);
    expect(bad).toBeLessThan(2700);
  });

  it('names the first bad value in the order the fields are declared', () => {
    expect(checkResponse({ webhooks: [{ events: [1], id: true }] }, list)).toEqual({ kind: 'mismatch', message: 'webhooks[0].id: expected string, got boolean' });
    expect(checkResponse({ webhooks: [{ http_url_spec: { retry: { count: 'x' } } }] }, list)).toEqual({ kind: 'mismatch', message: 'webhooks[0].http_url_spec.retry.count: expected integer, got string' });
    expect(checkResponse({ webhooks: [{ events: ['A', null, true] }] }, list)).toEqual({ kind: 'mismatch', message: 'webhooks[0].events[2]: expected string, got boolean' });
    expect(checkResponse({ webhooks: [{ 'weird "name"\\': false }] }, list)).toEqual({ kind: 'mismatch', message: 'webhooks[0].weird "name"\\: expected string, got boolean' });
  });
});

describe('without code generation (node --disallow-code-generation-from-strings)', () => {
  it('checks the rows of a page the same way (tsc build in dist/)', () => {
    const module = fileURLToPath(new URL('../../dist/execute/check-response.js', import.meta.url));
    const script = `
      const { checkResponse } = await import(${JSON.stringify(module)});
      const f = (name, type, more = {}) => ({ name, type, items: null, properties: [], ...more });
      const shape = { kind: 'list', objectKey: 'webhooks', alternativeKeys: [], requiredId: null, pageToken: null, fields: [f('id', 'string'), f('spec', 'object', { properties: [f('n', 'integer')] })] };
      console.log(JSON.stringify([checkResponse({ webhooks: [{ id: 'a', spec: { n: 1 } }] }, shape), checkResponse({ webhooks: [{ id: 'a' }, { spec: { n: 'x' } }] }, shape)]));`;
    const r = spawnSync(process.execPath, ['--disallow-code-generation-from-strings', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual([null, { kind: 'mismatch', message: 'webhooks[1].spec.n: expected integer, got string' }]);
  });
});
