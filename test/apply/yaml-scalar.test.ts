import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { yamlScalar } from '../../src/apply/yaml-scalar.js';

describe('yamlScalar', () => {
  it.each([
    ['https://hooks.example.com/a/b?x=1&y=2'],
    ['1001'],
    ['007'],
    ['1e5'],
    ['2024-01-02'],
    ['yes'],
    ['No'],
    ['null'],
    ['~'],
    ['a: b'],
    ['# not a comment'],
    ['{{ env.X }}'],
    ['quote " and \\ backslash'],
    ['it\'s'],
    ['ünïcødé ✓'],
    ['- dash'],
    [' leading space'],
    ['127-0-0-1-4000-churn'],
    [''],
    ['line\nbreak'],
  ])('reads back %j as the same string', (text) => {
    expect(parse(`v: ${yamlScalar(text)}`)).toEqual({ v: text });
  });

  it('writes plain words plainly and keeps numbers and booleans typed', () => {
    expect(yamlScalar('MODEL_VERSION_CREATED')).toBe('MODEL_VERSION_CREATED');
    expect(yamlScalar('https://x.example.com/a')).toBe('https://x.example.com/a');
    expect(parse(`v: ${yamlScalar(true)}`)).toEqual({ v: true });
    expect(parse(`v: ${yamlScalar(12)}`)).toEqual({ v: 12 });
    expect(parse(`v: ${yamlScalar(['A', '1'])}`)).toEqual({ v: ['A', '1'] });
  });
});
