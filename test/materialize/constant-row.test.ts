// A SELECT of bound texts is read off its bindings only where SQLite itself would give back the
// same row: each case is checked against a real SQLite evaluation of the same SQL.
import { afterAll, describe, expect, it } from 'vitest';
import { constantRow } from '../../src/materialize/constant-row.js';
import { openScratchDb } from '../../src/materialize/scratch-db.js';
import type { SqlValue } from '../../src/parse/types.js';

const db = openScratchDb();
afterAll(() => db.close());
const sqlite = (sql: string, bindings: Record<string, SqlValue>) => db.prepare(sql).raw(true).all(bindings)[0];

describe('constantRow', () => {
  const texts = ['', 'plain', "it's", 'ünïcödé ✓', '🚀 emoji', '{"url":"https://x","secret":"{{ s }}"}', '  spaced  ', '12', 'NULL', 'line\nbreak'];

  it.each(texts)('when a bound text is %j then the row is what SQLite returns', (text) => {
    const sql = 'SELECT :b0, :b1';
    const bindings = { b0: text, b1: 'other' };
    expect(constantRow(sql, bindings)).toEqual(sqlite(sql, bindings));
  });

  it('when a text holds a lone surrogate then SQLite decides (it does not give the text back)', () => {
    for (const text of ['a\uD800b', 'a\uDC00', '\uD83D']) {
      expect(constantRow('SELECT :b0', { b0: text })).toBeNull();
      expect(sqlite('SELECT :b0', { b0: text })).not.toEqual([text]);
    }
  });

  it('when a text holds NUL or a value is not a text then SQLite decides', () => {
    expect(constantRow('SELECT :b0', { b0: 'a\0b' })).toBeNull();
    expect(constantRow('SELECT :b0', { b0: 1 })).toBeNull();
    expect(constantRow('SELECT :b0', { b0: null })).toBeNull();
    expect(constantRow('SELECT :b0', {})).toBeNull();
  });

  it('when the SELECT is anything but bare parameters then SQLite decides', () => {
    for (const sql of ['SELECT :b0 AS x', "SELECT :b0, 'x'", 'SELECT :b0 WHERE 1', 'SELECT :b0 || :b1', 'SELECT * FROM t', 'VALUES (:b0)']) {
      expect(constantRow(sql, { b0: 'a', b1: 'b' })).toBeNull();
    }
  });
});
