// What may differ between two correct runs of a transcript, and how an update keeps the page's own
// spelling of it: ports, timestamps and durations compare equal whatever their digits.

const RULES: readonly [RegExp, string][] = [
  [/\b(127\.0\.0\.1|localhost):\d{2,5}\b/g, '$1:<port>'],
  [/\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g, '<time>'],
  [/\b1\d{12}\b/g, '<epoch-ms>'],
  [/\b\d+(?:\.\d+)? ?(?:ms|s)\b/g, '<duration>'],
  [/\b\d+(?:\.\d+)?\/s\b/g, '<rate>/s'],
];

export function normaliseLine(line: string): string {
  let out = line.trimEnd();
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}

export function normalise(lines: readonly string[]): string {
  return trimTrailingBlank(lines).map(normaliseLine).join('\n');
}

export function trimTrailingBlank(lines: readonly string[]): string[] {
  const out = [...lines];
  while (out.length > 0 && out[out.length - 1].trim() === '') out.pop();
  return out;
}

/**
 * The new expected output: the actual lines, except that a line which equals a page line once both
 * are normalised keeps the page's text (its port, its timing), so an update changes only what changed.
 */
export function mergeOutput(page: readonly string[], actual: readonly string[]): string[] {
  const a = trimTrailingBlank(page).map(normaliseLine);
  const b = trimTrailingBlank(actual);
  const bn = b.map(normaliseLine);
  // Longest common subsequence of the normalised lines (transcripts are short; O(n·m) is fine).
  const table: Uint32Array[] = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i][j] = a[i] === bn[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (j < b.length) {
    if (i < a.length && a[i] === bn[j]) {
      out.push(page[i].trimEnd());
      i++;
      j++;
    } else if (i < a.length && table[i + 1][j] >= table[i][j + 1]) i++;
    else out.push(b[j++]);
  }
  return out;
}
