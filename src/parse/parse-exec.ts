// EXEC provider.service.resource.method @a='x', @b=1 @@json='{…}' — StackQL's call syntax, which
// node-sql-parser does not know. Commas between arguments are optional: StackQL's own examples
// write `@id='…' --required,` where the comment swallows the comma.
import type { StatementSource } from './statement-source.js';
import { TokenCursor } from './token-cursor.js';
import { jsonArgument } from './parse-json-argument.js';
import type { ExecStatement, SqlValue } from './types.js';

const USAGE = "EXEC provider.service.resource.method @name='value', … [@@json='{…}']";

export function parseExec(source: StatementSource): ExecStatement {
  const cursor = new TokenCursor(source, USAGE);
  cursor.next(); // EXEC
  const { parts, first } = cursor.dottedName('provider.service.resource.method after EXEC');
  if (parts.length !== 4) cursor.fail('expected provider.service.resource.method after EXEC', first);
  const args: Record<string, SqlValue> = {};
  let json: Record<string, unknown> | null = null;
  while (!cursor.atEnd()) {
    if (cursor.acceptPunct('@@')) {
      const name = cursor.next();
      if (name?.kind !== 'word' || name.text.toLowerCase() !== 'json') cursor.fail('expected @@json', name);
      if (json !== null) cursor.fail('@@json is given twice', name);
      cursor.expectPunct('=', "'=' after @@json");
      json = jsonArgument(cursor);
    } else {
      const at = cursor.expectPunct('@', "an argument such as @name='value'");
      const name = cursor.next();
      if (name === undefined || name.kind !== 'word') return cursor.fail('expected an argument name after @', name);
      const key = name.text.toLowerCase();
      if (Object.hasOwn(args, key)) cursor.fail(`argument @${key} is given twice`, at);
      cursor.expectPunct('=', `'=' after @${key}`);
      args[key] = argumentValue(cursor, key);
    }
    cursor.acceptPunct(',');
  }
  const [provider, service, resource, method] = parts;
  return { kind: 'exec', text: source.text, resource: `${provider}.${service}.${resource}`, method, args, json };
}

/** A literal: 'text', a number (optionally negative), TRUE, FALSE or NULL. */
function argumentValue(cursor: TokenCursor, name: string): SqlValue {
  const negative = cursor.acceptPunct('-') !== null;
  const token = cursor.next();
  if (token?.kind === 'number') return numberValue(negative ? `-${token.text}` : token.text);
  if (!negative && token?.kind === 'string') return cursor.source.values[Number(token.text)];
  const word = token?.kind === 'word' ? token.text.toUpperCase() : '';
  if (!negative && (word === 'TRUE' || word === 'FALSE')) return word === 'TRUE';
  if (!negative && word === 'NULL') return null;
  return cursor.fail(`expected a value for @${name} ('text', a number, TRUE, FALSE or NULL)`, token);
}

/** Integers beyond 2^53 (ids) keep their digits rather than being silently rounded. */
function numberValue(text: string): SqlValue {
  const value = Number(text);
  return /^-?\d+$/.test(text) && !Number.isSafeInteger(value) ? text : value;
}
