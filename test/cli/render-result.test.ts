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
