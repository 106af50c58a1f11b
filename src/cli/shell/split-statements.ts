// Decides where statements end in text typed or piped into the shell. The shell needs this before
// anything is parsed: a `;` inside a string, a quoted identifier or a comment does not end a
// statement, and the prompt must know whether the user is still inside one of those.
// (parse/ has the real splitter; this one only finds boundaries and never fails.)

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
  const segments: Segment[] = [];
  let state: ScanState = 'code';
  let start = 0;
  const cut = (end: number, kind: Segment['kind'], next: ScanState) => {
    if (end > start) segments.push({ kind, text: text.slice(start, end) });
    start = end;
    state = next;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const pair = c + (text[i + 1] ?? '');
    if (state === 'code') {
      if (c === "'") cut(i, 'code', 'single-quote');
      else if (c === '"') cut(i, 'code', 'double-quote');
      else if (pair === '--') cut(i++, 'code', 'line-comment');
      else if (pair === '/*') cut(i++, 'code', 'block-comment');
    }
    // A doubled quote ('' or "") closes and reopens the string: two segments, same meaning.
    else if (state === 'single-quote' && c === "'") cut(i + 1, 'string', 'code');
    else if (state === 'double-quote' && c === '"') cut(i + 1, 'string', 'code');
    else if (state === 'line-comment' && c === '\n') cut(i, 'comment', 'code');
    else if (state === 'block-comment' && pair === '*/') cut(++i + 1, 'comment', 'code');
  }
  // `cut` changes `state` inside a closure, which TypeScript's narrowing cannot see.
  const endState = state as ScanState;
  cut(text.length, endState === 'code' ? 'code' : endState.endsWith('quote') ? 'string' : 'comment', endState);
  return { segments, state: endState };
}
