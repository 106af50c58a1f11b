import { describe, expect, it } from 'vitest';
import { StatementReader } from '../../src/cli/shell/statement-reader.js';

describe('StatementReader', () => {
  it('when a statement spans lines then it runs at the line with ;', () => {
    const r = new StatementReader();
    expect(r.push('SELECT id')).toEqual([]);
    expect(r.pending).toBe(true);
    expect(r.push('FROM t;')).toEqual([{ kind: 'sql', text: 'SELECT id\nFROM t;' }]);
    expect(r.pending).toBe(false);
  });

  it('when a line starts with . at a statement boundary then it is a meta command', () => {
    const r = new StatementReader();
    expect(r.push('  .output json')).toEqual([{ kind: 'meta', line: '.output json' }]);
  });

  it('when a line starts with . inside a statement then it is part of the statement', () => {
    const r = new StatementReader();
    r.push('SELECT');
    expect(r.push('.5;')).toEqual([{ kind: 'sql', text: 'SELECT\n.5;' }]);
  });

  it('when only a comment is typed then no continuation is pending', () => {
    const r = new StatementReader();
    r.push('-- a note');
    expect(r.pending).toBe(false);
  });

  it('when a string is left open then the next line continues it', () => {
    const r = new StatementReader();
    r.push("SELECT 'a;");
    expect(r.state).toBe('single-quote');
    expect(r.push("b';")).toEqual([{ kind: 'sql', text: "SELECT 'a;\nb';" }]);
  });

  it('when input ends without ; then flush runs what is left', () => {
    const r = new StatementReader();
    r.push('SELECT 1');
    expect(r.flush()).toEqual([{ kind: 'sql', text: 'SELECT 1' }]);
    expect(r.flush()).toEqual([]);
  });
});
