// SQLite names an unaliased result column after the SQL text of its expression. The SQL we hand
// it is regenerated (literals are `:b0`, `count(*)` became `COUNT(*)`), so each unaliased
// expression of the top-level select list gets an explicit alias: the text the user typed.
import { isColumnRef, type SelectNode } from './ast.js';
import type { StatementSource } from './statement-source.js';
import { isKeyword, tokenizeLifted, type LiftedToken } from './tokenize-lifted.js';

const LIST_END = ['FROM', 'WHERE', 'GROUP', 'HAVING', 'ORDER', 'LIMIT', 'OFFSET', 'UNION', 'INTERSECT', 'EXCEPT', 'WINDOW', 'INTO'];

export function aliasSelectItems(node: SelectNode, source: StatementSource): void {
  const spans = selectItemSpans(tokenizeLifted(source.sql));
  // If our reading of the list disagrees with the parser's, keep SQLite's default names.
  if (spans === null || spans.length !== node.columns.length) return;
  node.columns.forEach((item, i) => {
    if (item.as || isColumnRef(item.expr)) return;
    const text = source.text.slice(source.textOffset(spans[i].start), source.textOffset(spans[i].end, true));
    // node-sql-parser writes `AS "<alias>"` without escaping a `"` inside it.
    item.as = text.replace(/\s+/g, ' ').replaceAll('"', '""');
  });
}

interface Span {
  readonly start: number;
  readonly end: number;
}

/** Spans (in the lifted SQL) of the top-level select list's items, or null if not found. */
function selectItemSpans(tokens: readonly LiftedToken[]): Span[] | null {
  let depth = 0;
  let i = 0;
  for (; i < tokens.length && !(depth === 0 && isKeyword(tokens[i], 'SELECT')); i++) depth += nesting(tokens[i]);
  if (i === tokens.length) return null;
  i++;
  while (isKeyword(tokens[i], 'DISTINCT', 'ALL')) i++;
  const spans: Span[] = [];
  let first: LiftedToken | null = null;
  let last: LiftedToken | null = null;
  for (; i < tokens.length; i++) {
    const token = tokens[i];
    if (depth === 0 && isListEnd(tokens, i)) break;
    if (depth === 0 && token.text === ',' && token.kind === 'punct') {
      if (first === null || last === null) return null;
      spans.push({ start: first.start, end: last.end });
      first = last = null;
      continue;
    }
    depth += nesting(token);
    first ??= token;
    last = token;
  }
  if (first === null || last === null) return null;
  spans.push({ start: first.start, end: last.end });
  return spans;
}

function nesting(token: LiftedToken): number {
  if (token.kind !== 'punct') return 0;
  return token.text === '(' ? 1 : token.text === ')' ? -1 : 0;
}

/** A keyword that ends the list; `FROM` of `IS [NOT] DISTINCT FROM` does not. */
function isListEnd(tokens: readonly LiftedToken[], i: number): boolean {
  if (!isKeyword(tokens[i], ...LIST_END)) return false;
  return !(isKeyword(tokens[i], 'FROM') && isKeyword(tokens[i - 1], 'DISTINCT'));
}
