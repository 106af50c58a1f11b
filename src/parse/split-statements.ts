// A script is split on `;` found in code: never inside a literal, a quoted identifier or a comment.
// Each statement's range is trimmed of surrounding whitespace and comments; empty ones are dropped.
import { scanSql, type Locate } from './scan-sql.js';

export interface StatementRange {
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
}

export function splitStatements(text: string, locate: Locate): StatementRange[] {
  const ranges: StatementRange[] = [];
  let first = -1;
  let last = -1;
  const close = () => {
    if (first >= 0) ranges.push({ start: first, end: last });
    first = last = -1;
  };
  const mark = (start: number, end: number) => {
    if (first < 0) first = start;
    last = end;
  };
  for (const token of scanSql(text, locate)) {
    if (token.kind === 'comment') continue;
    if (token.kind !== 'code') {
      mark(token.start, token.end);
      continue;
    }
    for (let i = token.start; i < token.end; i++) {
      const c = text[i];
      if (c === ';') close();
      else if (!/\s/.test(c)) mark(i, i + 1);
    }
  }
  close();
  return ranges;
}
