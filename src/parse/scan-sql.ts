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

/** What is still open at the end of the text (the last token runs to the end), or null. */
export type OpenToken = 'string' | 'quoted' | 'line-comment' | 'block-comment' | null;

/**
 * Never fails: an unterminated literal, identifier or comment becomes a last token running to the
 * end, and `open` says which. The shell uses this to know whether a typed line ends a statement.
 */
export function scanSqlOpen(text: string): { readonly tokens: Token[]; readonly open: OpenToken } {
  const tokens: Token[] = [];
  let open: OpenToken = null;
  let codeStart = 0;
  let i = 0;
  const flushCode = (to: number) => {
    if (to > codeStart) tokens.push({ kind: 'code', start: codeStart, end: to });
  };
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    let kind: TokenKind | null = null;
    let end = -1;
    if (c === "'") [kind, end] = ['string', closeQuote(text, i, "'")];
    else if (c === '"') [kind, end] = ['quoted', closeQuote(text, i, '"')];
    else if (c === '-' && next === '-') [kind, end] = ['comment', text.indexOf('\n', i)];
    else if (c === '/' && next === '*') [kind, end] = ['comment', blockCommentEnd(text, i)];
    if (kind === null) {
      i++;
      continue;
    }
    flushCode(i);
    if (end < 0) {
      open = kind === 'comment' ? (c === '-' ? 'line-comment' : 'block-comment') : kind === 'string' ? 'string' : 'quoted';
      end = text.length;
    }
    tokens.push({ kind, start: i, end });
    i = codeStart = end;
  }
  flushCode(text.length);
  return { tokens, open };
}

/** The tokens of complete SQL text; an unterminated literal, identifier or block comment is an error. */
export function scanSql(text: string, locate: Locate): Token[] {
  const { tokens, open } = scanSqlOpen(text);
  // A -- comment may end the text; anything else left open is a syntax error at its start.
  if (open !== null && open !== 'line-comment') {
    const at = locate(tokens[tokens.length - 1].start);
    const what = open === 'string' ? 'string literal' : open === 'quoted' ? 'quoted identifier' : '/* comment';
    throw new SqlSyntaxError(`unterminated ${what}`, at.line, at.column);
  }
  return tokens;
}

/** End (exclusive) of the quoted token starting at `start` (a doubled quote does not close it), or -1. */
function closeQuote(text: string, start: number, quote: string): number {
  let i = start + 1;
  for (;;) {
    const close = text.indexOf(quote, i);
    if (close < 0) return -1;
    if (text[close + 1] !== quote) return close + 1;
    i = close + 2;
  }
}

function blockCommentEnd(text: string, start: number): number {
  const close = text.indexOf('*/', start + 2);
  return close < 0 ? -1 : close + 2;
}

/** The value of a '…' literal token: quotes dropped, `''` undoubled. */
export function stringValue(text: string, token: Token): string {
  return text.slice(token.start + 1, token.end - 1).replaceAll("''", "'");
}
