// parse/: SQL text → Statement. The pipeline, in order:
//   fill {{ vars }} → split on `;` → lift '…' literals and blank comments → parse → rewrite.
// Every step keeps a map back to the text the user typed, so errors carry its line and column.
import { SqlSyntaxError } from '../errors.js';
import { parseOneStatement } from './parse-statement.js';
import { lineLocator } from './source-text.js';
import { splitStatements } from './split-statements.js';
import { statementSource } from './statement-source.js';
import { fillVars } from './substitute-vars.js';
import type { Statement, Vars } from './types.js';

export type * from './types.js';
export { checkVarsUsed, placeholderNames, substituteVars } from './substitute-vars.js';
export { listStatement, type ListQuery } from './list-statement.js';

/** Every statement of a script (`;`-separated); positions in errors are in `text`. */
export function parseScript(text: string, vars: Vars): Statement[] {
  const filled = fillVars(text, vars);
  const lineColumn = lineLocator(text);
  const locate = (offset: number) => lineColumn(filled.toSource(offset));
  return splitStatements(filled.text, locate).map(({ start, end }) =>
    parseOneStatement(statementSource(text, filled.text.slice(start, end), (offset) => locate(start + offset))),
  );
}

/** Exactly one statement (a trailing `;` is fine). */
export function parseStatement(text: string, vars: Vars): Statement {
  const statements = parseScript(text, vars);
  if (statements.length === 1) return statements[0];
  if (statements.length === 0) throw new SqlSyntaxError('empty statement', 1, 1, { hint: 'write a SELECT, INSERT, UPDATE, DELETE, EXEC, SHOW, DESCRIBE or EXPLAIN' });
  throw new SqlSyntaxError(`expected one statement, found ${statements.length}`, 1, 1, {
    hint: 'run them as a script (hookql exec -f file.sql) or one at a time',
  });
}
