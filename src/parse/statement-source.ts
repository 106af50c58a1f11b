// Everything the statement parsers need to know about one statement of a script: its text, the
// lifted SQL they parse, the lifted literal values, and how to point back at what the user typed.
import { liftLiterals } from './lift-literals.js';
import type { Locate } from './scan-sql.js';
import type { Position } from './source-text.js';

export interface StatementSource {
  /** The whole text the user gave (the script), before vars were filled in: for quoting in errors. */
  readonly input: string;
  /** The statement as written (vars filled in), trimmed of surrounding space and comments. */
  readonly text: string;
  /** `text` with literals lifted to placeholders and comments blanked. */
  readonly sql: string;
  /** Literal values by placeholder number. */
  readonly values: readonly string[];
  /** Offset in `text` of offset `offset` in `sql` (with `end`: of the character before it, plus one). */
  textOffset(offset: number, end?: boolean): number;
  /** Position, in the input the user gave, of offset `offset` in `sql`. */
  locate(offset: number): Position;
  /** Position, in the input the user gave, of offset `offset` in `text`. */
  locateText(offset: number): Position;
}

export function statementSource(input: string, text: string, locateText: Locate): StatementSource {
  const lifted = liftLiterals(text, locateText);
  return {
    input,
    text,
    sql: lifted.sql,
    values: lifted.values,
    textOffset: lifted.toText,
    locate: (offset) => locateText(lifted.toText(offset)),
    locateText,
  };
}

/** The same statement with `sql[from, to)` blanked (EXPLAIN's keyword, a RETURNING clause…). */
export function withBlanked(source: StatementSource, from: number, to: number): StatementSource {
  const sql = source.sql.slice(0, from) + ' '.repeat(to - from) + source.sql.slice(to);
  return { ...source, sql };
}
