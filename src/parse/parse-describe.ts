// DESCRIBE [EXTENDED] provider.service.resource (DESC is accepted too, as in StackQL).
import type { StatementSource } from './statement-source.js';
import { TokenCursor } from './token-cursor.js';
import type { DescribeStatement } from './types.js';

const USAGE = 'DESCRIBE [EXTENDED] provider.service.resource';

export function parseDescribe(source: StatementSource): DescribeStatement {
  const cursor = new TokenCursor(source, USAGE);
  cursor.next(); // DESCRIBE | DESC
  const extended = cursor.acceptKeyword('EXTENDED') !== null;
  const { parts, first } = cursor.dottedName('provider.service.resource');
  if (parts.length !== 3) cursor.fail('expected provider.service.resource', first);
  cursor.expectEnd();
  return { kind: 'describe', text: source.text, extended, resource: parts.join('.') };
}
