import { describe, expect, test } from 'vitest';
import { UnfilledVariableError } from '../../src/errors.js';
import { parseStatement, substituteVars } from '../../src/parse/index.js';
import type { ExecStatement, SelectStatement } from '../../src/parse/index.js';

describe('substituteVars', () => {
  test.each([
    ['spaces inside the braces are optional', '{{x}} {{ x }} {{   x   }}', { x: '1' }, '1 1 1'],
    ['a value inside a literal has its quotes doubled, so it stays one literal', "'{{ x }}'", { x: "o'brien" }, "'o''brien'"],
    ['outside a literal the value is raw SQL text', 'LIMIT {{ n }}', { n: '5' }, 'LIMIT 5'],
    ['an empty value is a value', "a = '{{ x }}'", { x: '' }, "a = ''"],
    ['a placeholder in a comment is left alone and needs no value', '-- {{ nope }}\n/* {{ nope }} */', {}, '-- {{ nope }}\n/* {{ nope }} */'],
    ['names may hold dots and dashes', '{{ env.A-B }}', { 'env.A-B': 'v' }, 'v'],
    ['a filled value is not scanned again for placeholders', "'{{ a }}'", { a: '{{ b }}' }, "'{{ b }}'"],
    ['text without placeholders is returned as is', "SELECT '{' FROM x", {}, "SELECT '{' FROM x"],
  ])('%s', (_, text, vars, expected) => {
    expect(substituteVars(text, vars)).toBe(expected);
  });

  test('an unfilled placeholder names every missing var, where the first is, and how to pass them', () => {
    const run = () => substituteVars("SELECT 1\nWHERE a = '{{ events }}' AND b = {{ model_name }} AND c = '{{ events }}'", {});
    expect(run).toThrow(UnfilledVariableError);
    expect(run).toThrow('no value for {{ events }}, {{ model_name }} (at line 2, column 12)');
    try {
      run();
    } catch (e) {
      expect((e as UnfilledVariableError).hint).toBe('pass --var events=<value> --var model_name=<value>');
      expect((e as UnfilledVariableError).code).toBe('UNFILLED_VARIABLE');
    }
  });

  test('names inherited from Object.prototype are not values', () => {
    expect(() => substituteVars('{{ constructor }}', {})).toThrow(UnfilledVariableError);
  });
});

describe('values round-trip exactly into literals, whatever they hold', () => {
  const values = {
    'a quote': "it's",
    'doubled quotes': "''",
    'a semicolon and a line comment': 'a; -- b',
    'a block comment': '/* x */',
    backslashes: 'C:\\path\\n\\',
    'a newline and a tab': 'line1\nline2\tend',
    'non-ASCII': 'é 日本 🚀',
    'parameter-like text': ':b0 $1 ? @x',
    'a double quote': 'say "hi"',
    'braces': '{{ not a var }}',
  };
  test.each(Object.entries(values))('%s: as a SELECT value, a predicate value and an EXEC argument', (_, value) => {
    const select = parseStatement(
      "SELECT '{{ v }}' AS v FROM databricks_workspace.ml.things WHERE description = '{{ v }}'",
      { v: value },
    ) as SelectStatement;
    expect(Object.values(select.bindings)).toEqual([value]);
    expect(select.scans[0].predicates[0].values).toEqual([value]);
    const exec = parseStatement("EXEC a.b.c.m @x='{{ v }}'", { v: value }) as ExecStatement;
    expect(exec.args.x).toBe(value);
  });
});
