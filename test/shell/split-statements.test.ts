import { describe, expect, it } from 'vitest';
import { isBlank, oneLine, splitStatements } from '../../src/cli/shell/split-statements.js';

describe('splitStatements', () => {
  const cases: { name: string; text: string; statements: string[]; rest: string; state?: string }[] = [
    { name: 'a statement ends at ;', text: 'SELECT 1;', statements: ['SELECT 1;'], rest: '' },
    { name: 'two on one line', text: 'SELECT 1; SELECT 2;', statements: ['SELECT 1;', ' SELECT 2;'], rest: '' },
    { name: 'no ; yet', text: 'SELECT *\nFROM t', statements: [], rest: 'SELECT *\nFROM t' },
    { name: '; inside a string does not end it', text: "SELECT 'a;b'", statements: [], rest: "SELECT 'a;b'" },
    { name: "doubled quote stays in the string", text: "SELECT 'it''s;';", statements: ["SELECT 'it''s;';"], rest: '' },
    { name: '; in a quoted identifier', text: 'SELECT "a;b" FROM t;', statements: ['SELECT "a;b" FROM t;'], rest: '' },
    { name: '; in a line comment', text: 'SELECT 1 -- no; really\n;', statements: ['SELECT 1 -- no; really\n;'], rest: '' },
    { name: '; in a block comment', text: 'SELECT /* ; */ 1;', statements: ['SELECT /* ; */ 1;'], rest: '' },
    { name: 'open string at the end', text: "SELECT 'abc", statements: [], rest: "SELECT 'abc", state: 'single-quote' },
    { name: 'open block comment', text: 'SELECT /* x', statements: [], rest: 'SELECT /* x', state: 'block-comment' },
    { name: 'blank statements are dropped', text: ';; -- c\n;', statements: [], rest: '' },
    { name: 'JSON in EXEC', text: `EXEC r.test @@json='{"a":";"}';`, statements: [`EXEC r.test @@json='{"a":";"}';`], rest: '' },
  ];
  it.each(cases)('$name', ({ text, statements, rest, state }) => {
    const result = splitStatements(text);
    expect(result.statements).toEqual(statements);
    expect(result.rest).toBe(rest);
    expect(result.state).toBe(state ?? 'code');
  });
});

describe('isBlank', () => {
  it.each([
    ['', true], ['  \n', true], ['-- only a comment', true], ['/* x */ ;', true], ['SELECT 1', false], ["''", false],
  ])('%j → %s', (text, blank) => expect(isBlank(text)).toBe(blank));
});

describe('oneLine (history entries)', () => {
  it('joins lines and drops comments that would swallow the rest', () => {
    expect(oneLine('SELECT id -- the id\nFROM t\nWHERE a = 1;')).toBe('SELECT id FROM t WHERE a = 1;');
  });
  it('keeps whitespace inside strings', () => {
    expect(oneLine("SELECT  'a  b'\n;")).toBe("SELECT 'a  b' ;");
  });
  it('gives up on a string that spans lines rather than change its value', () => {
    expect(oneLine("SELECT 'a\nb';")).toBeNull();
  });
});
