import { describe, expect, it } from 'vitest';
import { fitWidths, renderResult } from '../../src/cli/render-result.js';
import type { StatementResult } from '../../src/result.js';

const result = (columns: StatementResult['columns'], rows: StatementResult['rows']): StatementResult => ({
  statement: '',
  columns,
  rows,
  summary: null,
  stats: { requests: 0, retries: 0, pages: 0, fetched: 0, elapsedMs: 12 },
});
const hooks = result(
  [{ name: 'id', type: 'text' }, { name: 'events', type: 'json' }, { name: 'n', type: 'integer' }],
  [['a', '["X","Y"]', 1], ['b, "c"', null, null]],
);

describe('output formats', () => {
  it('json gives JSON columns as values and NULL as null', () => {
    expect(JSON.parse(renderResult(hooks, 'json'))).toEqual([{ id: 'a', events: ['X', 'Y'], n: 1 }, { id: 'b, "c"', events: null, n: null }]);
  });

  it('jsonl gives one object per line', () => {
    expect(renderResult(hooks, 'jsonl')).toBe('{"id":"a","events":["X","Y"],"n":1}\n{"id":"b, \\"c\\"","events":null,"n":null}\n');
  });

  it('csv quotes fields that need it and leaves NULL empty', () => {
    expect(renderResult(hooks, 'csv')).toBe('id,events,n\r\na,"[""X"",""Y""]",1\r\n"b, ""c""",,\r\n');
  });

  it('text is tab-separated without a header', () => {
    expect(renderResult(hooks, 'text')).toBe('a\t["X","Y"]\t1\nb, "c"\t\t\n');
  });

  it('table shows NULL, a row count and optionally the time', () => {
    const out = renderResult(hooks, 'table', { timing: true });
    expect(out).toContain('NULL');
    expect(out.trimEnd().split('\n').pop()).toBe('(2 rows in 12 ms)');
  });

  it('a table never grows wider than the terminal, truncating with …', () => {
    const wide = result([{ name: 'spec', type: 'json' }, { name: 'id', type: 'text' }], [[JSON.stringify({ url: 'https://' + 'x'.repeat(200) }), 'id1']]);
    const lines = renderResult(wide, 'table', { width: 60 }).split('\n').filter((l) => l.startsWith('│'));
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(60);
    expect(lines[1]).toContain('…');
  });

  it('one JSON value is shown indented', () => {
    expect(renderResult(result([{ name: 'webhook', type: 'json' }], [['{"id":"x"}']]), 'table')).toBe('webhook:\n{\n  "id": "x"\n}\n(1 row)\n');
  });

  it('fitWidths shrinks the widest column first', () => {
    expect(fitWidths(['a', 'b'], [['x'.repeat(50), 'y'.repeat(10)]], 40)).toEqual([23, 10]);
  });
});

describe('time columns, headers and expanded display (issue 14)', () => {
  const result = {
    statement: 'SELECT …',
    columns: [{ name: 'id', type: 'text' as const }, { name: 'created', type: 'epoch-ms' as const }],
    rows: [['a1', 1796153470454], ['b2', null]],
    summary: null,
    stats: { requests: 0, retries: 0, pages: 0, fetched: 0, elapsedMs: 1 },
  };

  it('a table shows an epoch-ms column as ISO-8601 UTC; json, csv and text keep the number', () => {
    expect(renderResult(result, 'table')).toContain('│ a1 │ 2026-12-01T19:31:10.454Z │');
    expect(renderResult(result, 'table')).toContain('│ b2 │ NULL                     │');
    expect(JSON.parse(renderResult(result, 'json'))[0].created).toBe(1796153470454);
    expect(renderResult(result, 'csv')).toBe('id,created\r\na1,1796153470454\r\nb2,\r\n');
    expect(renderResult(result, 'text')).toBe('a1\t1796153470454\nb2\t\n');
  });

  it('headers: false drops the header of tables and CSV', () => {
    expect(renderResult(result, 'csv', { headers: false })).toBe('a1,1796153470454\r\nb2,\r\n');
    const table = renderResult(result, 'table', { headers: false, footer: false });
    expect(table).not.toContain('created');
    expect(table.split('\n')[1]).toBe('│ a1 │ 2026-12-01T19:31:10.454Z │');
  });

  it('expanded: a RECORD block per row, one column | value line per column', () => {
    expect(renderResult(result, 'table', { expanded: true, footer: false })).toBe(
      ['-[ RECORD 1 ]+--------------------', 'id      | a1', 'created | 2026-12-01T19:31:10.454Z', '-[ RECORD 2 ]+--------------------', 'id      | b2', 'created | NULL', ''].join('\n'),
    );
  });
});
