// Texts derived from a seed by a few random insertions, deletions and replacements of the given
// pieces: what the manifest fuzz tests feed their readers.

import fc from 'fast-check';

export function editedText(seed: string, pieces: readonly string[]): fc.Arbitrary<string> {
  const edit = fc.record({ at: fc.nat(), len: fc.nat({ max: 6 }), insert: fc.constantFrom(...pieces) });
  return fc.array(edit, { minLength: 1, maxLength: 4 }).map((edits) => {
    let text = seed;
    for (const e of edits) {
      const at = e.at % (text.length + 1);
      text = text.slice(0, at) + e.insert + text.slice(at + e.len);
    }
    return text;
  });
}
