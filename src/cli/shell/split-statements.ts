// Decides where statements end in text typed or piped into the shell. The shell needs this before
// anything is parsed: a `;` inside a string, a quoted identifier or a comment does not end a
// statement, and the prompt must know whether the user is still inside one of those.
// (parse/ has the real splitter; this one only finds boundaries and never fails. Both share parse/'s lexer.)

import { scanSqlOpen, type OpenToken } from '../../parse/scan-sql.js';

/** Where the scanner stands at the end of the text. */
export type ScanState = 'code' | 'single-quote' | 'double-quote' | 'line-comment' | 'block-comment';

interface Segment {
  readonly kind: 'code' | 'string' | 'comment';
  readonly text: string;
}

export interface SplitResult {
  /** Complete, non-blank statements, each with its terminating `;`. */
  readonly statements: readonly string[];
  /** Text after the last `;`: the start of the next statement. */
  readonly rest: string;
  /** The state at the end of the text (`'it''s` then a newline is still inside a string). */
  readonly state: ScanState;
}

export function splitStatements(text: string): SplitResult {
  const statements: string[] = [];
  let current = '';
  const { segments, state } = scan(text);
  for (const s of segments) {
    if (s.kind !== 'code') {
      current += s.text;
      continue;
    }
    const parts = s.text.split(';');
    parts.forEach((part, i) => {
      current += part;
      if (i < parts.length - 1) {
        if (!isBlank(current)) statements.push(current + ';');
        current = '';
      }
    });
  }
  return { statements, rest: current, state };
}

/** True when the text holds nothing but whitespace, comments and semicolons. */
export function isBlank(text: string): boolean {
  return scan(text).segments.every((s) => s.kind === 'comment' || (s.kind === 'code' && /^[\s;]*$/.test(s.text)));
}

/**
 * The statement as one line, for the history file (one entry per line): comments dropped, since a
 * `--` comment would swallow whatever is joined after it, and line breaks turned into spaces.
 * Null when a string literal spans lines: joining would change the value, so it is not saved.
 */
export function oneLine(text: string): string | null {
  let out = '';
  let code = '';
  for (const s of scan(text).segments) {
    if (s.kind === 'comment') code += ' ';
    else if (s.kind === 'code') code += s.text;
    else {
      if (/[\r\n]/.test(s.text)) return null;
      out += code.replace(/\s+/g, ' ') + s.text;
      code = '';
    }
  }
  return (out + code.replace(/\s+/g, ' ')).trim();
}

/** Cuts text into code, string (quoted literal or identifier, quotes included) and comment runs. */
function scan(text: string): { segments: Segment[]; state: ScanState } {
  // The lexer parse/ uses, in its never-failing form: an open literal or comment is reported, not thrown.
  const { tokens, open } = scanSqlOpen(text);
  const segments = tokens.map((t): Segment => ({ kind: t.kind === 'quoted' ? 'string' : t.kind, text: text.slice(t.start, t.end) }));
  return { segments, state: STATE[open ?? 'code'] };
}

const STATE: Readonly<Record<NonNullable<OpenToken> | 'code', ScanState>> = {
  code: 'code',
  string: 'single-quote',
  quoted: 'double-quote',
  'line-comment': 'line-comment',
  'block-comment': 'block-comment',
};
