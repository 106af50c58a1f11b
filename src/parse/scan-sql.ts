// The one lexer every stage shares: it splits SQL text into code, '…' string literals, "…" quoted
// identifiers and comments, so that `;`, `{{ var }}`, `--` and keywords are only ever recognised in
// code. Standard SQL strings: `''` is a quote, backslash is an ordinary character.
import { SqlSyntaxError } from '../errors.js';
import type { Position } from './source-text.js';

export type TokenKind = 'code' | 'string' | 'quoted' | 'comment';

export interface Token {
  readonly kind: TokenKind;
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
}

export type Locate = (offset: number) => Position;

export function scanSql(text: string, locate: Locate): Token[] {
  const tokens: Token[] = [];
  let codeStart = 0;
  let i = 0;
  const flushCode = (to: number) => {
    if (to > codeStart) tokens.push({ kind: 'code', start: codeStart, end: to });
  };
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    let kind: TokenKind | null = null;
    let end = i;
    if (c === "'") [kind, end] = ['string', closeQuote(text, i, "'", 'string literal', locate)];
    else if (c === '"') [kind, end] = ['quoted', closeQuote(text, i, '"', 'quoted identifier', locate)];
    else if (c === '-' && next === '-') [kind, end] = ['comment', lineEnd(text, i)];
    else if (c === '/' && next === '*') [kind, end] = ['comment', blockCommentEnd(text, i, locate)];
    if (kind === null) {
      i++;
      continue;
    }
    flushCode(i);
    tokens.push({ kind, start: i, end });
    i = codeStart = end;
  }
  flushCode(text.length);
  return tokens;
}

/** End (exclusive) of the quoted token starting at `start`; a doubled quote does not close it. */
function closeQuote(text: string, start: number, quote: string, what: string, locate: Locate): number {
  let i = start + 1;
  for (;;) {
    const close = text.indexOf(quote, i);
    if (close < 0) {
      const at = locate(start);
      throw new SqlSyntaxError(`unterminated ${what}`, at.line, at.column);
    }
    if (text[close + 1] !== quote) return close + 1;
    i = close + 2;
  }
}

function lineEnd(text: string, start: number): number {
  const nl = text.indexOf('\n', start);
  return nl < 0 ? text.length : nl;
}

function blockCommentEnd(text: string, start: number, locate: Locate): number {
  const close = text.indexOf('*/', start + 2);
  if (close < 0) {
    const at = locate(start);
    throw new SqlSyntaxError('unterminated /* comment', at.line, at.column);
  }
  return close + 2;
}

/** The value of a '…' literal token: quotes dropped, `''` undoubled. */
export function stringValue(text: string, token: Token): string {
  return text.slice(token.start + 1, token.end - 1).replaceAll("''", "'");
}
