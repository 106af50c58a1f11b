// Text that was rewritten from another text (vars filled in, literals lifted, comments blanked),
// with a way back: every offset in the new text maps to an offset in the text it came from, so
// errors can point at the line and column the user actually typed.

export interface Position {
  readonly line: number;
  readonly column: number;
}

/** 1-based line and column of `offset` in `text`. */
export function lineColumn(text: string, offset: number): Position {
  return lineLocator(text)(offset);
}

/** A position finder for `text` that indexes line starts once (scripts can be long). */
export function lineLocator(text: string): (offset: number) => Position {
  let starts: number[] | null = null;
  return (offset) => {
    if (starts === null) {
      starts = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    }
    const at = Math.min(Math.max(offset, 0), text.length);
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: at - starts[lo] + 1 };
  };
}

interface Piece {
  /** Start in the new text. */
  readonly at: number;
  readonly length: number;
  /** Start and length in the source text. */
  readonly from: number;
  readonly fromLength: number;
  /** Copied unchanged (offsets inside map 1:1) or a replacement (offsets inside map to its start). */
  readonly verbatim: boolean;
}

export interface MappedText {
  readonly text: string;
  /** Offset in the source text of the character at `offset` (or, with `end`, just after it). */
  toSource(offset: number, end?: boolean): number;
}

/** Builds a MappedText piece by piece. */
export class MappedTextBuilder {
  private text = '';
  private readonly pieces: Piece[] = [];

  /** Copy `source[from, to)` unchanged. */
  copy(source: string, from: number, to: number): void {
    if (to > from) this.push(source.slice(from, to), from, to - from, true);
  }

  /** Put `replacement` in place of `source[from, from + fromLength)`. */
  replace(replacement: string, from: number, fromLength: number): void {
    this.push(replacement, from, fromLength, false);
  }

  build(): MappedText {
    const { text, pieces } = this;
    return { text, toSource: (offset, end = false) => mapOffset(pieces, offset, end) };
  }

  private push(text: string, from: number, fromLength: number, verbatim: boolean): void {
    this.pieces.push({ at: this.text.length, length: text.length, from, fromLength, verbatim });
    this.text += text;
  }
}

function mapOffset(pieces: readonly Piece[], offset: number, end: boolean): number {
  if (pieces.length === 0) return offset;
  const probe = end ? offset - 1 : offset;
  const piece = pieces[findPiece(pieces, probe)];
  if (piece.verbatim) return piece.from + Math.max(0, offset - piece.at);
  return end ? piece.from + piece.fromLength : piece.from;
}

/** Index of the last piece starting at or before `offset` (binary search; pieces are in order). */
function findPiece(pieces: readonly Piece[], offset: number): number {
  let lo = 0;
  let hi = pieces.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (pieces[mid].at <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
