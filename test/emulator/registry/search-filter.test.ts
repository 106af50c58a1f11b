// The one-condition search filters, table-driven: what parses, what is refused (400), and how a
// LIKE without wildcards becomes the documented substring match.

import { describe, expect, it } from 'vitest';
import { filterSql, parseFilter } from '../../../src/emulator/registry/search-filter.js';

const MODELS = { name: ['=', 'LIKE', 'ILIKE'] } as const;

describe('parseFilter', () => {
  it.each([
    ["name = 'churn'", { identifier: 'name', op: '=', value: 'churn' }],
    ["name='churn'", { identifier: 'name', op: '=', value: 'churn' }],
    ["name like 'ch%'", { identifier: 'name', op: 'LIKE', value: 'ch%' }],
    ["name ILIKE 'o''brien'", { identifier: 'name', op: 'ILIKE', value: "o'brien" }],
  ])('reads %s', (text, expected) => {
    expect(parseFilter(text, MODELS)).toEqual(expected);
  });

  it('treats an absent or blank filter as none', () => {
    expect(parseFilter(null, MODELS)).toBeUndefined();
    expect(parseFilter('  ', MODELS)).toBeUndefined();
  });

  it.each([
    ["tags.team = 'a'", /unsupported attribute 'tags.team'/],
    ["name = churn", /expected one condition/],
    ["name = 'a' AND name = 'b'", /expected one condition/],
  ])('refuses %s with 400 INVALID_PARAMETER_VALUE', (text, message) => {
    expect(() => parseFilter(text, MODELS)).toThrow(message);
    try {
      parseFilter(text, MODELS);
    } catch (error) {
      expect(error).toMatchObject({ status: 400, errorCode: 'INVALID_PARAMETER_VALUE' });
    }
  });

  it('refuses an operator the identifier does not take', () => {
    expect(() => parseFilter("run_id LIKE 'x'", { run_id: ['='] })).toThrow(/operator LIKE is not supported for 'run_id'/);
  });
});

describe('filterSql', () => {
  it('makes LIKE without a wildcard a substring match, and keeps wildcards as given', () => {
    expect(filterSql({ identifier: 'name', op: 'LIKE', value: 'churn' }, 'name').value).toBe('%churn%');
    expect(filterSql({ identifier: 'name', op: 'LIKE', value: 'ch%' }, 'name').value).toBe('ch%');
    expect(filterSql({ identifier: 'name', op: '=', value: 'x' }, 'name')).toEqual({ sql: 'name = @filterValue', value: 'x' });
  });
});
