// The narrow port to node-sql-parser. Only its PostgreSQL build is loaded: that dialect is the one
// that accepts 3-part names (`provider.service.resource`), and the single-dialect build loads about
// five times faster than the full package. It is loaded on first use, so EXEC / SHOW never pay for it.
import { createRequire } from 'node:module';
import type { AstNode } from './ast.js';
import { requireCompiled, type CachedModule } from '../util/code-cache.js';
import { UnsupportedSqlError } from '../errors.js';
import { toSyntaxError } from './parse-error.js';
import type { Position } from './source-text.js';

interface PostgresParser {
  astify(sql: string, options: object): unknown;
  sqlify(ast: unknown, options: object): string;
  exprToSQL(expr: unknown, options: object): string;
}

const OPTIONS = { database: 'postgresql' } as const;
let parser: PostgresParser | null = null;
let loaded: CachedModule | null = null;
let codeCacheDir: string | null = null;

/** Where the parser's compiled code is kept between processes (the engine sets $HOOKQL_HOME/cache); see util/code-cache.ts. */
export function useParserCodeCache(dir: string | null): void {
  codeCacheDir = dir;
}

function load(): PostgresParser {
  if (parser === null) {
    loaded = requireCompiled(createRequire(import.meta.url), 'node-sql-parser/build/postgresql', codeCacheDir);
    const { Parser } = loaded.exports as { Parser: new () => PostgresParser };
    parser = new Parser();
  }
  return parser;
}

/**
 * ASTs by statement text. The text has its literals lifted out, so statements that differ only in
 * values (apply's thousand INSERTs, a script's repeated UPDATEs) share one parse. Callers rewrite the
 * AST, so each gets its own copy.
 */
const cache = new Map<string, unknown>();
const CACHE_SIZE = 256;

/** Parses one statement; library errors become a one-line SqlSyntaxError at the right position. */
export function astify(sql: string, locate: (offset: number) => Position, source: string): AstNode {
  const cached = cache.get(sql);
  if (cached !== undefined) return structuredClone(cached) as AstNode;
  const ast = parseFresh(sql, locate, source);
  // After the first parse, so the code written includes the functions parsing compiled.
  loaded?.save();
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(sql, structuredClone(ast));
  return ast;
}

function parseFresh(sql: string, locate: (offset: number) => Position, source: string): AstNode {
  let ast: unknown;
  try {
    ast = load().astify(sql, OPTIONS);
  } catch (error) {
    // The parser trims the text before parsing, so its offsets start after any leading blanks
    // (there are some when EXPLAIN's keyword was blanked).
    const lead = sql.length - sql.trimStart().length;
    throw toSyntaxError(error, (offset) => locate(offset + lead), source);
  }
  // A statement reaches here already split off from the script, so one AST is expected.
  const node = (Array.isArray(ast) ? ast[0] : ast) as AstNode;
  rejectLongColumnRefs(node);
  return node;
}

export function sqlify(ast: AstNode): string {
  return load().sqlify(ast, OPTIONS);
}

export function exprToSql(expr: AstNode): string {
  return load().exprToSQL(expr, OPTIONS);
}

/**
 * Columns are `column` or `table.column`. node-sql-parser also accepts `schema.table.column` and
 * longer chains, which SQLite cannot resolve here and the rest of parse/ does not expect (a
 * four-part name even comes back without a table): refuse them up front, as input errors.
 */
function rejectLongColumnRefs(node: unknown): void {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) return node.forEach(rejectLongColumnRefs);
  const n = node as AstNode;
  if (n.type === 'column_ref') {
    const column = n.column as { expr?: { type?: string } } | string;
    const chained = typeof column === 'object' && column !== null && column.expr?.type === 'binary_expr';
    if (n.schema || n.db || chained) {
      throw new UnsupportedSqlError('a column reference has more than two parts', {
        hint: 'write columns as column or table_alias.column; give the resource an alias (FROM provider.service.resource AS r) to qualify with r.column',
      });
    }
  }
  for (const value of Object.values(n)) if (value !== null && typeof value === 'object') rejectLongColumnRefs(value);
}
