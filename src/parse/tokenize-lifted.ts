// A small tokenizer over a lifted statement (literals already placeholders, comments already
// blanked), for the hand-written parsers (EXEC, SHOW, DESCRIBE, RETURNING) and for finding where
// things are in the text, which node-sql-parser's AST does not say.
import { LITERAL_PLACEHOLDER } from './lift-literals.js';

export type LiftedTokenKind = 'word' | 'quoted' | 'string' | 'number' | 'punct';

export interface LiftedToken {
  readonly kind: LiftedTokenKind;
  /** Word: as written; quoted: without quotes; string: the literal's index; punct/number: as written. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const TOKEN = /\s*(?:([A-Za-z_][\w$]*)|"([^"]*)"|'([^']*)'|(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+)|(@@|\S))/y;

export function tokenizeLifted(sql: string): LiftedToken[] {
  const tokens: LiftedToken[] = [];
  TOKEN.lastIndex = 0;
  for (;;) {
    const m = TOKEN.exec(sql);
    if (m === null) break;
    const text = m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5];
    const end = TOKEN.lastIndex;
    const start = end - m[0].trimStart().length;
    tokens.push({ kind: kindOf(m), text: m[3] === undefined ? text : placeholderIndex(m[3]), start, end });
  }
  return tokens;
}

function kindOf(m: RegExpExecArray): LiftedTokenKind {
  if (m[1] !== undefined) return 'word';
  if (m[2] !== undefined) return 'quoted';
  if (m[3] !== undefined) return 'string';
  return m[4] !== undefined ? 'number' : 'punct';
}

function placeholderIndex(body: string): string {
  return LITERAL_PLACEHOLDER.exec(body)?.[1] ?? '-1';
}

/** True for a bare word equal (case-insensitively) to one of `keywords`. */
export function isKeyword(token: LiftedToken | undefined, ...keywords: string[]): boolean {
  return token?.kind === 'word' && keywords.includes(token.text.toUpperCase());
}

/** An identifier as SQL compares it: bare words lower-cased, quoted ones as written. */
export function identifierText(token: LiftedToken): string {
  return token.kind === 'quoted' ? token.text : token.text.toLowerCase();
}

export function isIdentifier(token: LiftedToken | undefined): token is LiftedToken {
  return token?.kind === 'word' || token?.kind === 'quoted';
}
