// SHOW PROVIDERS | SERVICES | RESOURCES | METHODS [IN a.b[.c]] [LIKE 'pattern'] — StackQL's catalog
// statements. Which names `IN` must have is plan/'s business; parse only reads them.
import type { StatementSource } from './statement-source.js';
import { TokenCursor } from './token-cursor.js';
import type { ShowStatement } from './types.js';

const WHAT = ['PROVIDERS', 'SERVICES', 'RESOURCES', 'METHODS'] as const;

const USAGE = "SHOW PROVIDERS | SERVICES | RESOURCES | METHODS [IN provider.service[.resource]] [LIKE 'pattern']";

export function parseShow(source: StatementSource): ShowStatement {
  const cursor = new TokenCursor(source, USAGE);
  cursor.next(); // SHOW
  const what = cursor.acceptKeyword(...WHAT) ?? cursor.fail(`expected ${WHAT.join(', ')} after SHOW`);
  let inName: string | null = null;
  if (cursor.acceptKeyword('IN')) inName = cursor.dottedName('a name after IN').parts.join('.');
  let like: string | null = null;
  if (cursor.acceptKeyword('LIKE')) {
    const pattern = cursor.next();
    if (pattern === undefined || pattern.kind !== 'string') return cursor.fail("expected a 'pattern' after LIKE", pattern);
    like = source.values[Number(pattern.text)];
  }
  cursor.expectEnd();
  return {
    kind: 'show',
    text: source.text,
    what: what.text.toLowerCase() as ShowStatement['what'],
    in: inName,
    like,
  };
}
