// A trailing `RETURNING …` is read by hand and blanked before node-sql-parser sees the statement:
// it misreads `INSERT … SELECT … RETURNING x` (RETURNING taken as a column alias, or a syntax
// error once literals are lifted). Done the same way for UPDATE and DELETE for one code path.
import { SqlSyntaxError } from '../errors.js';
import { withBlanked, type StatementSource } from './statement-source.js';
import { identifierText, isIdentifier, isKeyword, tokenizeLifted, type LiftedToken } from './tokenize-lifted.js';
import type { Returning } from './types.js';

export function splitReturning(source: StatementSource): { source: StatementSource; returning: Returning } {
  const tokens = tokenizeLifted(source.sql);
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'punct') depth += t.text === '(' ? 1 : t.text === ')' ? -1 : 0;
    if (depth === 0 && isKeyword(t, 'RETURNING')) {
      return { source: withBlanked(source, t.start, source.sql.length), returning: returningList(tokens.slice(i + 1), source) };
    }
  }
  return { source, returning: null };
}

/** `*`, or identifiers separated by commas. */
function returningList(tokens: readonly LiftedToken[], source: StatementSource): string[] {
  if (tokens.length === 1 && tokens[0].text === '*' && tokens[0].kind === 'punct') return ['*'];
  const names: string[] = [];
  for (let i = 0; i < tokens.length; i += 2) {
    const name = tokens[i];
    const separator = tokens[i + 1];
    if (!isIdentifier(name)) throw syntaxError('expected a column name or * after RETURNING', name, source);
    if (separator !== undefined && !(separator.kind === 'punct' && separator.text === ',')) {
      throw syntaxError('expected , between RETURNING columns', separator, source);
    }
    if (separator !== undefined && tokens[i + 2] === undefined) throw syntaxError('expected a column name after ,', separator, source);
    names.push(identifierText(name).toLowerCase());
  }
  if (names.length === 0) throw syntaxError('expected a column name or * after RETURNING', undefined, source);
  return names;
}

/** At `token`, or at the end of the statement when there is none. */
function syntaxError(message: string, token: LiftedToken | undefined, source: StatementSource): SqlSyntaxError {
  const at = source.locate(token?.start ?? source.sql.trimEnd().length);
  return new SqlSyntaxError(token ? message : `${message} at end of statement`, at.line, at.column, {
    hint: 'RETURNING * | RETURNING col, …',
  });
}
