// Every '…' literal is lifted out of the statement before node-sql-parser sees it, because the
// parser's own literal handling is unreliable (`''` stays doubled in its AST, `\n` becomes a
// newline). Each literal becomes a placeholder literal `'__hookql_bN'` (a plain string every
// grammar rule accepts — a `:bN` parameter is refused where the grammar wants a string, e.g.
// `LIKE … ESCAPE '…'`) and its exact value is kept in `values[N]`. Comments become a space.
import { scanSql, stringValue, type Locate } from './scan-sql.js';
import { MappedTextBuilder } from './source-text.js';
import { checkCode, checkQuotedIdentifier } from './check-code.js';

export const LITERAL_PLACEHOLDER = /^__hookql_b(\d+)$/;

export function literalPlaceholder(index: number): string {
  return `'__hookql_b${index}'`;
}

export interface LiftedSql {
  /** The statement with literals replaced by placeholders and comments by spaces. */
  readonly sql: string;
  /** Literal values by placeholder number. */
  readonly values: readonly string[];
  /** Offset in the statement text of the character at `offset` in `sql` (with `end`: just after it). */
  toText(offset: number, end?: boolean): number;
}

export function liftLiterals(text: string, locate: Locate): LiftedSql {
  const builder = new MappedTextBuilder();
  const values: string[] = [];
  for (const token of scanSql(text, locate)) {
    const length = token.end - token.start;
    switch (token.kind) {
      case 'string':
        builder.replace(literalPlaceholder(values.length), token.start, length);
        values.push(stringValue(text, token));
        break;
      case 'comment':
        builder.replace(' ', token.start, length);
        break;
      case 'quoted':
        checkQuotedIdentifier(text, token, locate);
        builder.copy(text, token.start, token.end);
        break;
      case 'code':
        checkCode(text, token, locate);
        builder.copy(text, token.start, token.end);
        break;
    }
  }
  const mapped = builder.build();
  return { sql: mapped.text, values, toText: mapped.toSource };
}
