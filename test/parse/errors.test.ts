// What the user sees when a statement cannot be parsed or cannot run in SQLite: a typed error,
// one line, with the line and column of what they typed, and a hint.
import { describe, expect, test } from 'vitest';
import { SqlSyntaxError, UnknownResourceError, UnsupportedSqlError, type HookqlError } from '../../src/errors.js';
import { parseScript, parseStatement } from '../../src/parse/index.js';

const R = 'databricks_workspace.ml.model_registry_webhooks';

function errorOf(text: string, vars: Record<string, string> = {}): HookqlError {
  try {
    parseScript(text, vars);
  } catch (e) {
    return e as HookqlError;
  }
  throw new Error(`no error for: ${text}`);
}

describe('syntax errors from node-sql-parser are one short line at the right place', () => {
  test.each([
    ['a doubled operator', `SELECT id FROM ${R}\nWHERE\n  id = = 'x'`, 'syntax error at or near "=" (at line 3, column 8)'],
    ['a statement cut short', `SELECT id FROM ${R} WHERE`, 'syntax error at end of statement (at line 1, column 69)'],
    ['a stray word after a literal', `SELECT id FROM ${R} WHERE id = 'x' abc`, 'syntax error at or near "abc" (at line 1, column 79)'],
    ['MySQL-style LIMIT a, b', `SELECT id FROM ${R} LIMIT 3, 4`, 'syntax error at or near "," (at line 1, column 71)'],
    ['an error at a literal does not quote the literal', "SELECT 'top secret' 'x'", 'syntax error at or near a string literal (at line 1, column 21)'],
    ['an error after a long var value', "SELECT '{{ v }}' x y", 'syntax error at or near "y" (at line 1, column 20)'],
  ])('%s', (_, text, message) => {
    const error = errorOf(text, { v: 'v'.repeat(300) });
    expect(error).toBeInstanceOf(SqlSyntaxError);
    expect(error.message).toBe(message);
    expect(error.hint).toBeTruthy();
  });

  test('the message stays short and the error carries no parser internals', () => {
    const error = errorOf(`SELECT FROM WHERE ${'x '.repeat(1000)}`);
    expect(error.message.length).toBeLessThan(120);
    expect(error.message).not.toContain('\n');
    expect(error.cause).toBeUndefined();
    expect(Object.keys(error)).not.toContain('expected');
  });

  test('line and column are also fields of the error', () => {
    const error = errorOf('SELECT 1;\n\nSELECT 1 +') as SqlSyntaxError;
    expect([error.line, error.column]).toEqual([3, 11]);
  });
});

describe('SQL that SQLite cannot run is refused with the alternative', () => {
  test.each([
    ['ILIKE', `SELECT id FROM ${R} WHERE id ILIKE 'a%'`, 'ILIKE is not supported (at line 1, column 73)', 'use LIKE'],
    [':: casts', `SELECT id::int FROM ${R}`, '`::` casts are not supported (at line 1, column 10)', 'CAST(x AS INTEGER)'],
    ['IS DISTINCT FROM', `SELECT 1 FROM ${R} WHERE id IS DISTINCT FROM 'x'`, 'IS [NOT] DISTINCT FROM is not supported', 'a IS NOT b'],
    ['DISTINCT ON', `SELECT DISTINCT ON (id) id FROM ${R}`, 'DISTINCT ON is not supported', 'GROUP BY'],
    ['JSON containment @>', `SELECT 1 FROM ${R} WHERE events @> '["A"]'`, 'the PostgreSQL operator @> is not supported', 'json_each'],
    ['JSON path #>>', `SELECT http_url_spec #>> '{url}' FROM ${R}`, 'the PostgreSQL operator #>> is not supported', 'json_extract'],
    ['regex match ~', `SELECT 1 FROM ${R} WHERE id ~ 'h'`, 'the PostgreSQL operator ~ is not supported', 'GLOB'],
    ['a :name parameter', `SELECT 1 FROM ${R} WHERE id = :id`, 'query parameters are not supported (at line 1, column 74)', '--var'],
    ['a ? parameter', `SELECT 1 FROM ${R} WHERE id = ?`, 'query parameters are not supported', '--var'],
    ['a $1 parameter', `SELECT 1 FROM ${R} WHERE id = $1`, 'query parameters are not supported', '--var'],
    ['a doubled quote inside a quoted name', 'SELECT 1 AS "a""b"', 'quoted identifiers containing `"` are not supported', 'rename'],
    ['SELECT … INTO', `SELECT id INTO t FROM ${R}`, 'SELECT … INTO is not supported', 'INSERT INTO'],
  ])('%s', (_, text, message, hint) => {
    const error = errorOf(text);
    expect(error).toBeInstanceOf(UnsupportedSqlError);
    expect(error.message).toContain(message);
    expect(error.hint).toContain(hint);
  });

  test.each([
    ['CREATE TABLE', 'CREATE TABLE t (a int)', "unknown statement 'CREATE' (at line 1, column 1)"],
    ['reserved names', `SELECT id AS __hookql_pred_0 FROM ${R}`, 'names starting with __hookql are reserved (at line 1, column 14)'],
    ['an unterminated literal', "SELECT 1;\nSELECT 'abc", 'unterminated string literal (at line 2, column 8)'],
    ['an unterminated comment', 'SELECT 1 /* abc', 'unterminated /* comment (at line 1, column 10)'],
    ['an unterminated quoted name', 'SELECT 1 AS "abc', 'unterminated quoted identifier (at line 1, column 13)'],
  ])('%s is a syntax error', (_, text, message) => {
    const error = errorOf(text);
    expect(error).toBeInstanceOf(SqlSyntaxError);
    expect(error.message).toBe(message);
  });

  test('a table that is not a 3-part resource name', () => {
    expect(() => parseStatement('SELECT * FROM model_registry_webhooks', {})).toThrow(UnknownResourceError);
  });

  test('every error is a HookqlError with a stable code and exit code 2', () => {
    for (const text of ['SELECT 1 +', `SELECT 1 FROM ${R} WHERE a ILIKE 'x'`, 'SELECT {{ x }}', 'SELECT 1 FROM t']) {
      const error = errorOf(text);
      expect(error.code).toMatch(/^[A-Z_]+$/);
      expect(error.exitCode).toBe(2);
    }
  });
});
