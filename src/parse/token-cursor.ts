// Reading position for the hand-written parsers (EXEC, SHOW, DESCRIBE): tokens of the lifted
// statement, with errors that point at the offending token in the text the user typed.
import { SqlSyntaxError } from '../errors.js';
import type { StatementSource } from './statement-source.js';
import { identifierText, isIdentifier, isKeyword, tokenizeLifted, type LiftedToken } from './tokenize-lifted.js';

export class TokenCursor {
  private readonly tokens: readonly LiftedToken[];
  private index = 0;

  /** `usage`: the statement's syntax, given as the hint of every error. */
  constructor(
    readonly source: StatementSource,
    private readonly usage: string,
  ) {
    this.tokens = tokenizeLifted(source.sql);
  }

  peek(ahead = 0): LiftedToken | undefined {
    return this.tokens[this.index + ahead];
  }

  next(): LiftedToken | undefined {
    return this.tokens[this.index++];
  }

  atEnd(): boolean {
    return this.index >= this.tokens.length;
  }

  /** Consumes the keyword if it is next. */
  acceptKeyword(...keywords: string[]): LiftedToken | null {
    return isKeyword(this.peek(), ...keywords) ? (this.next() as LiftedToken) : null;
  }

  acceptPunct(text: string): LiftedToken | null {
    const token = this.peek();
    return token?.kind === 'punct' && token.text === text ? (this.next() as LiftedToken) : null;
  }

  expectPunct(text: string, what: string): LiftedToken {
    return this.acceptPunct(text) ?? this.fail(`expected ${what}`);
  }

  /** `a.b.c`: the lower-cased parts and the first token (for positions). */
  dottedName(what: string): { readonly parts: string[]; readonly first: LiftedToken } {
    const first = this.peek();
    if (!isIdentifier(first)) this.fail(`expected ${what}`);
    const parts: string[] = [];
    do {
      const part = this.next();
      if (!isIdentifier(part)) this.fail(`expected a name after '.' in ${what}`, part);
      parts.push(identifierText(part).toLowerCase());
    } while (this.acceptPunct('.'));
    return { parts, first };
  }

  expectEnd(): void {
    if (!this.atEnd()) this.fail(`unexpected '${this.describe(this.peek())}'`);
  }

  /** Throws a SqlSyntaxError at `token` (default: the next token, or the end of the statement). */
  fail(message: string, token: LiftedToken | undefined = this.peek()): never {
    const at = this.source.locate(token?.start ?? this.source.sql.trimEnd().length);
    throw new SqlSyntaxError(token === undefined ? `${message} at end of statement` : message, at.line, at.column, {
      hint: this.usage,
    });
  }

  private describe(token: LiftedToken | undefined): string {
    if (token === undefined) return '';
    return token.kind === 'string' ? 'string literal' : token.text;
  }
}
