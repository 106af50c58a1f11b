import { describe, expect, test } from 'vitest';
import { SqlSyntaxError } from '../../src/errors.js';
import { parseScript, parseStatement } from '../../src/parse/index.js';
import type { SelectStatement, ShowStatement } from '../../src/parse/index.js';

const kinds = (text: string) => parseScript(text, {}).map((s) => s.kind);

describe('a script is split on ; outside literals, quoted names and comments', () => {
  test.each([
    ['two statements', 'SELECT 1; SELECT 2', ['select', 'select']],
    ['a trailing ; and empty statements', ';;SELECT 1;;\n;', ['select']],
    ['a ; inside a literal', "SELECT 'a;b'; SHOW PROVIDERS", ['select', 'show']],
    ['a ; inside a quoted name', 'SELECT 1 AS "a;b"; SHOW PROVIDERS', ['select', 'show']],
    ['a ; inside -- and /* */ comments', 'SELECT 1 -- one; two\n; /* three; */ SHOW PROVIDERS', ['select', 'show']],
    ['comments only', '-- nothing\n/* here */', []],
    ['a -- inside a literal is not a comment', "SELECT '--'; SELECT '/*'", ['select', 'select']],
  ])('%s', (_, text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  test("each statement's text is trimmed of the space and comments around it", () => {
    const [a, b] = parseScript('-- list them\nSELECT 1 /* one */ ;\n\n  SHOW PROVIDERS -- all\n', {});
    expect(a.text).toBe('SELECT 1');
    expect(b.text).toBe('SHOW PROVIDERS');
  });

  test('literal numbering starts again in each statement', () => {
    const [a, b] = parseScript("SELECT 'a'; SELECT 'b', 'c'", {}) as SelectStatement[];
    expect(a.bindings).toEqual({ b0: 'a' });
    expect(b.bindings).toEqual({ b0: 'b', b1: 'c' });
  });

  test('errors in a later statement point at its line and column in the script', () => {
    const run = () => parseScript('SELECT 1;\nSHOW PROVIDERS;\nSELECT\n  1 +;', {});
    expect(run).toThrow(SqlSyntaxError);
    expect(run).toThrow(/\(at line 4, column 6\)$/);
  });

  test('positions point at what was typed even when a var value before them is long', () => {
    expect(() => parseScript("SELECT '{{ v }}', 1 +", { v: 'x'.repeat(50) })).toThrow('(at line 1, column 22)');
  });
});

describe('parseStatement', () => {
  test('takes one statement with or without its ;', () => {
    expect((parseStatement('SHOW PROVIDERS;', {}) as ShowStatement).what).toBe('providers');
  });
  test.each([
    ['no statement', '  -- nothing ', 'empty statement'],
    ['two statements', 'SELECT 1; SELECT 2', 'expected one statement, found 2'],
  ])('refuses %s', (_, text, message) => {
    expect(() => parseStatement(text, {})).toThrow(message);
  });
});
