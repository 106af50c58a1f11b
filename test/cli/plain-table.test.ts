// The plain-ASCII table renderer must print exactly what cli-table3 prints for the same table (it
// replaces it only to skip loading it): generated tables, including cut cells and empty heads.

import Table from 'cli-table3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitWidths, plainTable, renderResult } from '../../src/cli/render-result.js';
import type { StatementResult } from '../../src/result.js';

function cliTable3(head: string[], cells: string[][], widths: number[]): string {
  const table = new Table({ head, colWidths: widths.map((w) => w + 2), truncate: '…', wordWrap: false, style: { head: [], border: [], compact: true } });
  cells.forEach((row) => table.push(row));
  return table.toString();
}

const ascii = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 30 });

describe('plainTable', () => {
  it('prints what cli-table3 prints for printable-ASCII tables', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((n) =>
          fc.record({
            head: fc.oneof(fc.constant([] as string[]), fc.array(ascii, { minLength: n, maxLength: n })),
            cells: fc.array(fc.array(ascii, { minLength: n, maxLength: n }), { maxLength: 6 }),
            total: fc.integer({ min: 10, max: 140 }),
          }),
        ),
        ({ head, cells, total }) => {
          const n = cells[0]?.length ?? head.length;
          if (n === 0) return;
          const widths = fitWidths(head.length > 0 ? head : Array<string>(n).fill(''), cells, total);
          expect(plainTable(head, cells, widths)).toBe(cliTable3(head, cells, widths));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('cuts a long cell with … and pads short ones, like the table a user sees', () => {
    expect(plainTable(['a', 'bb'], [['hello', 'y'], ['', 'z']], [3, 2])).toBe(
      ['┌─────┬────┐', '│ a   │ bb │', '├─────┼────┤', '│ he… │ y  │', '│     │ z  │', '└─────┴────┘'].join('\n'),
    );
  });
});

describe('renderResult table mode', () => {
  const result = (rows: string[][]): StatementResult =>
    ({ columns: [{ name: 'name', type: 'string' }, { name: 'title', type: 'string' }], rows, stats: { elapsedMs: 1 } }) as unknown as StatementResult;

  it('draws wide characters through cli-table3 (two columns per character)', () => {
    const text = renderResult(result([['模型', 'ok']]), 'table', { footer: false });
    expect(text).toBe(cliTable3(['name', 'title'], [['模型', 'ok']], [4, 5]) + '\n');
    expect(text).toContain('│ 模型 │ ok    │');
  });

  it('draws a plain table the same way with or without the fast path', () => {
    const rows = [['webhooks', 'Model Registry webhooks'], ['models', 'Registered models']];
    expect(renderResult(result(rows), 'table', { footer: false })).toBe(cliTable3(['name', 'title'], rows, fitWidths(['name', 'title'], rows, 120)) + '\n');
  });
});
