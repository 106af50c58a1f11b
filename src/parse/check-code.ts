// Checks on the raw code of a statement, done before parsing because they need positions and
// because node-sql-parser accepts PostgreSQL constructs that SQLite cannot run.
import { SqlSyntaxError, UnsupportedSqlError } from '../errors.js';
import type { Locate, Token } from './scan-sql.js';

// `::` casts and ILIKE parse fine as PostgreSQL but do not exist in SQLite. A bare parameter
// (`:name`, `$1`, `?`) would be bound by SQLite to one of our lifted literals or to nothing.
const CODE_RULES: readonly { pattern: RegExp; unsupported: boolean; message: string; hint: string }[] = [
  { pattern: /::/g, unsupported: true, message: '`::` casts are not supported', hint: 'use CAST(x AS INTEGER) (or TEXT, REAL)' },
  {
    pattern: /\bilike\b/gi,
    unsupported: true,
    message: 'ILIKE is not supported',
    hint: 'use LIKE: it is case-insensitive for ASCII letters in SQLite',
  },
  // node-sql-parser turns `IS DISTINCT FROM x` into raw text holding x as a quoted identifier.
  {
    pattern: /\bis\s+(?:not\s+)?distinct\s+from\b/gi,
    unsupported: true,
    message: 'IS [NOT] DISTINCT FROM is not supported',
    hint: "use SQLite's null-safe comparisons: a IS NOT b (distinct), a IS b (not distinct)",
  },
  {
    pattern: /(?<![\w$:]):[A-Za-z_]\w*|(?<![\w$])\$\w+|\?/g,
    unsupported: true,
    message: 'query parameters are not supported',
    hint: "write the value as a literal ('text' or a number), or use {{ name }} with --var name=value",
  },
];

const RESERVED = { pattern: /__hookql/gi, unsupported: false, message: 'names starting with __hookql are reserved', hint: 'rename the column or alias' };
const RULES = [...CODE_RULES, RESERVED];

export function checkCode(text: string, token: Token, locate: Locate): void {
  const code = text.slice(token.start, token.end);
  for (const rule of RULES) {
    rule.pattern.lastIndex = 0;
    const match = rule.pattern.exec(code);
    if (match) fail(rule, token.start + match.index, locate);
  }
}

export function checkQuotedIdentifier(text: string, token: Token, locate: Locate): void {
  const body = text.slice(token.start + 1, token.end - 1);
  // node-sql-parser reads "a""b" as the column "a" aliased "b": refuse rather than run the wrong query.
  if (body.includes('"')) {
    fail({ unsupported: true, message: 'quoted identifiers containing `"` are not supported', hint: 'rename the alias' }, token.start, locate);
  }
  if (/__hookql/i.test(body)) fail(RESERVED, token.start, locate);
}

function fail(rule: { unsupported: boolean; message: string; hint: string }, offset: number, locate: Locate): never {
  const at = locate(offset);
  if (!rule.unsupported) throw new SqlSyntaxError(rule.message, at.line, at.column, { hint: rule.hint });
  throw new UnsupportedSqlError(`${rule.message} (at line ${at.line}, column ${at.column})`, { hint: rule.hint });
}
