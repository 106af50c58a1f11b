// node-sql-parser's AST carries no positions for table names, so a scan's position is found in the
// text: the k-th scan of a resource gets the k-th occurrence of that 3-part name. (Walk order and
// text order differ only when a select-list subquery reads the same resource as its FROM.)
import { tokenizeLifted, isIdentifier, type LiftedToken } from './tokenize-lifted.js';

/** Offsets (in `sql`) of each `a.b.c` name, keyed by the lower-cased name, in text order. */
export function findResourcePositions(sql: string): Map<string, number[]> {
  const tokens = tokenizeLifted(sql);
  const found = new Map<string, number[]>();
  for (let i = 0; i + 4 < tokens.length; i++) {
    const parts = [tokens[i], tokens[i + 2], tokens[i + 4]];
    if (!parts.every(isIdentifier) || !isDot(tokens[i + 1]) || !isDot(tokens[i + 3])) continue;
    if (isDot(tokens[i - 1]) || isDot(tokens[i + 5])) continue;
    const name = parts.map((t) => t.text.toLowerCase()).join('.');
    found.set(name, [...(found.get(name) ?? []), tokens[i].start]);
  }
  return found;
}

function isDot(token: LiftedToken | undefined): boolean {
  return token?.kind === 'punct' && token.text === '.';
}
