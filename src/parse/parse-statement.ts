// One statement, dispatched on its first keyword: node-sql-parser for SQL proper, small hand
// parsers for StackQL's own statements, which it does not know.
import { SqlSyntaxError } from '../errors.js';
import { parseDescribe } from './parse-describe.js';
import { parseExec } from './parse-exec.js';
import { parseShow } from './parse-show.js';
import { parseSqlStatement } from './parse-sql-statement.js';
import { withBlanked, type StatementSource } from './statement-source.js';
import type { ExplainStatement, Statement } from './types.js';

const FIRST_WORD = /^\s*([A-Za-z]+)/;

export function parseOneStatement(source: StatementSource): Statement {
  const word = FIRST_WORD.exec(source.sql)?.[1].toUpperCase() ?? '';
  switch (word) {
    case 'EXEC':
      return parseExec(source);
    case 'SHOW':
      return parseShow(source);
    case 'DESCRIBE':
    case 'DESC':
      return parseDescribe(source);
    case 'EXPLAIN':
      return parseExplain(source);
    case 'SELECT':
    case 'WITH':
    case 'INSERT':
    case 'UPDATE':
    case 'DELETE':
      return parseSqlStatement(source, word);
    default:
      if (source.sql.trimStart().startsWith('(')) return parseSqlStatement(source, 'SELECT');
      throw unknownStatement(source, word);
  }
}

/** EXPLAIN <statement>: the statement is parsed in place (its keyword blanked, offsets kept). */
function parseExplain(source: StatementSource): ExplainStatement {
  const keyword = FIRST_WORD.exec(source.sql) as RegExpExecArray;
  // PostgreSQL's option list: `EXPLAIN (FORMAT JSON)` keeps the whole plan as data.
  const options = /^\s*\(\s*format\s+(json|text|tree)\s*\)/i.exec(source.sql.slice(keyword[0].length));
  if (/^\s*\(/.test(source.sql.slice(keyword[0].length)) && options === null) {
    throw syntaxError(source, keyword[0].length, 'EXPLAIN takes one option: (FORMAT JSON) or (FORMAT TEXT)');
  }
  const format = options?.[1].toLowerCase() === 'json' ? 'json' : 'tree';
  const inner = withBlanked(source, 0, keyword[0].length + (options?.[0].length ?? 0));
  const innerStart = inner.sql.length - inner.sql.trimStart().length;
  if (innerStart === inner.sql.length) throw syntaxError(source, source.sql.length, 'expected a statement after EXPLAIN');
  if (/^explain\b/i.test(inner.sql.trimStart())) throw syntaxError(source, innerStart, 'EXPLAIN EXPLAIN is not supported');
  const statement = parseOneStatement(inner) as Exclude<Statement, ExplainStatement>;
  return { kind: 'explain', text: source.text, format, statement: { ...statement, text: source.text.slice(source.textOffset(innerStart)) } };
}

function unknownStatement(source: StatementSource, word: string): SqlSyntaxError {
  const at = source.locate(source.sql.length - source.sql.trimStart().length);
  return new SqlSyntaxError(`unknown statement${word ? ` '${word}'` : ''}`, at.line, at.column, {
    hint: 'hookql runs SELECT, INSERT, UPDATE, DELETE, EXEC, SHOW, DESCRIBE and EXPLAIN',
  });
}

function syntaxError(source: StatementSource, offset: number, message: string): SqlSyntaxError {
  const at = source.locate(offset);
  return new SqlSyntaxError(message, at.line, at.column);
}
