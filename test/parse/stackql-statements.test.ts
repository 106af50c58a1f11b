// StackQL's own statements, read by the hand parsers: EXEC, SHOW, DESCRIBE, and EXPLAIN of anything.
import { describe, expect, test } from 'vitest';
import { InvalidValueError, SqlSyntaxError } from '../../src/errors.js';
import { parseStatement } from '../../src/parse/index.js';
import type { ExecStatement, ExplainStatement, Statement } from '../../src/parse/index.js';

const R = 'databricks_workspace.ml.model_registry_webhooks';
const parse = <T = Statement>(text: string) => parseStatement(text, {}) as T;

describe('EXEC', () => {
  test.each<[string, string, Record<string, unknown>]>([
    ['commas between arguments', `EXEC ${R}.delete @id='a', @workspace='w'`, { id: 'a', workspace: 'w' }],
    ['no commas', `EXEC ${R}.delete @id='a' @workspace='w'`, { id: 'a', workspace: 'w' }],
    ['a comment before the comma and comments everywhere', `EXEC /* hint */ ${R}.delete\n  @id='a' /* x */ , -- y\n  @workspace = 'w' -- z`, { id: 'a', workspace: 'w' }],
    ['numbers, booleans and NULL', `EXEC ${R}.list @max_results=10, @neg=-2.5, @flag=TRUE, @off=false, @none=NULL`, { max_results: 10, neg: -2.5, flag: true, off: false, none: null }],
    ['an integer too large for a double keeps its digits', `EXEC ${R}.delete @id=12345678901234567890`, { id: '12345678901234567890' }],
    ["a quote doubled inside a value, and a ';' (the script splitter ignores it)", `EXEC ${R}.delete @id='it''s; ok'`, { id: "it's; ok" }],
    ['names are case-insensitive', `exec ${R.toUpperCase()}.DELETE @ID='a'`, { id: 'a' }],
  ])('%s', (_, text, args) => {
    const s = parse<ExecStatement>(text);
    expect(s).toMatchObject({ kind: 'exec', resource: R, json: null });
    expect(s.method).toMatch(/^(delete|list)$/);
    expect(s.args).toEqual(args);
  });

  test('@@json is parsed, its literal can span lines, and quotes can be doubled', () => {
    const s = parse<ExecStatement>(`EXEC ${R}.test @workspace='w'\n@@json=\n'{\n"id": "a",\n"note": "it''s"\n}'`);
    expect(s.args).toEqual({ workspace: 'w' });
    expect(s.json).toEqual({ id: 'a', note: "it's" });
  });

  test.each<[string, string, typeof SqlSyntaxError | typeof InvalidValueError, string]>([
    ['a resource without a method', `EXEC ${R} @id='a'`, SqlSyntaxError, 'expected provider.service.resource.method after EXEC (at line 1, column 6)'],
    ['an argument given twice', `EXEC ${R}.delete @id='a' @ID='b'`, SqlSyntaxError, 'argument @id is given twice (at line 1, column 69)'],
    ['a missing value', `EXEC ${R}.delete @id=`, SqlSyntaxError, 'expected a value for @id'],
    ['a bare word as value', `EXEC ${R}.delete @id=abc`, SqlSyntaxError, "expected a value for @id ('text', a number, TRUE, FALSE or NULL) (at line 1, column 65)"],
    ['a missing @', `EXEC ${R}.delete id='a'`, SqlSyntaxError, "expected an argument such as @name='value'"],
    ['JSON with a bad token', `EXEC ${R}.test @@json='{"id": x}'`, InvalidValueError, "@@json is not valid JSON: unexpected character (at line 1, column 74)"],
    ['JSON with a trailing comma, on its own line', `EXEC ${R}.test\n@@json='{\n  "id": "a",\n}'`, InvalidValueError, '(at line 4, column 1)'],
    ['JSON that is not an object', `EXEC ${R}.test @@json='[1, 2]'`, InvalidValueError, 'it must be a JSON object'],
    ['@@json given twice', `EXEC ${R}.test @@json='{}' @@json='{}'`, SqlSyntaxError, '@@json is given twice'],
    ['@@ with another name', `EXEC ${R}.test @@yaml='{}'`, SqlSyntaxError, 'expected @@json'],
  ])('refuses %s, saying where', (_, text, type, message) => {
    expect(() => parse(text)).toThrow(type);
    expect(() => parse(text)).toThrow(message);
  });

  test('a bad @@json never echoes the value (it may hold a secret)', () => {
    expect(() => parse(`EXEC ${R}.test @@json='{"secret": s3cr3t}'`)).toThrow(/^@@json is not valid JSON: unexpected character \(at line 1, column \d+\)$/);
  });
});

describe('SHOW', () => {
  test.each([
    ['SHOW PROVIDERS', { what: 'providers', in: null, like: null }],
    ['show services in databricks_workspace', { what: 'services', in: 'databricks_workspace', like: null }],
    ["SHOW RESOURCES IN databricks_workspace.ml LIKE '%hook%'", { what: 'resources', in: 'databricks_workspace.ml', like: '%hook%' }],
    [`SHOW METHODS IN ${R.toUpperCase()}`, { what: 'methods', in: R, like: null }],
    ["SHOW SERVICES LIKE 'm%'", { what: 'services', in: null, like: 'm%' }],
  ])('%s', (text, expected) => {
    expect(parse(text)).toEqual({ kind: 'show', text, ...expected });
  });

  test.each([
    ['SHOW TABLES', 'expected PROVIDERS, SERVICES, RESOURCES, METHODS after SHOW (at line 1, column 6)'],
    ['SHOW SERVICES IN', 'expected a name after IN at end of statement'],
    ['SHOW SERVICES LIKE x', "expected a 'pattern' after LIKE"],
    ["SHOW SERVICES LIKE 'a' extra", "unexpected 'extra'"],
  ])('refuses %s', (text, message) => {
    expect(() => parse(text)).toThrow(SqlSyntaxError);
    expect(() => parse(text)).toThrow(message);
  });
});

describe('DESCRIBE', () => {
  test.each([
    [`DESCRIBE ${R}`, false],
    [`describe extended ${R}`, true],
    [`DESC ${R}`, false],
  ])('%s', (text, extended) => {
    expect(parse(text)).toEqual({ kind: 'describe', text, extended, resource: R });
  });

  test.each(['DESCRIBE ml.things', 'DESCRIBE', `DESCRIBE ${R} extra`])('refuses %s', (text) => {
    expect(() => parse(text)).toThrow(SqlSyntaxError);
  });
});

describe('EXPLAIN', () => {
  test.each([
    [`SELECT id FROM ${R} WHERE workspace = 'w'`, 'select'],
    [`INSERT INTO ${R} (workspace) SELECT 'w' RETURNING webhook`, 'insert'],
    [`UPDATE ${R} SET status = 'A' WHERE id = 'x'`, 'update'],
    [`DELETE FROM ${R} WHERE id = 'x'`, 'delete'],
    [`EXEC ${R}.delete @id='x'`, 'exec'],
    ['SHOW PROVIDERS', 'show'],
    [`DESCRIBE ${R}`, 'describe'],
  ])('EXPLAIN %s', (inner, kind) => {
    const s = parse<ExplainStatement>(`explain\n  ${inner}`);
    expect(s.kind).toBe('explain');
    expect(s.text).toBe(`explain\n  ${inner}`);
    expect(s.statement.kind).toBe(kind);
    expect(s.statement.text).toBe(inner);
    // The same statement as without EXPLAIN, but for positions (one line down) and nested texts.
    const withoutPlaces = (value: unknown) => JSON.stringify(value, (key, v) => (key === 'text' || ((key === 'line' || key === 'column') && typeof v === 'number') ? undefined : v));
    expect(withoutPlaces(s.statement)).toBe(withoutPlaces(parse(inner)));
  });

  test('errors inside the explained statement point into the whole text', () => {
    expect(() => parse('EXPLAIN\nSELECT 1 +')).toThrow('(at line 2, column 11)');
  });

  test.each([
    ['EXPLAIN', 'expected a statement after EXPLAIN'],
    ['EXPLAIN EXPLAIN SELECT 1', 'EXPLAIN EXPLAIN is not supported'],
  ])('refuses %s', (text, message) => {
    expect(() => parse(text)).toThrow(message);
  });
});
