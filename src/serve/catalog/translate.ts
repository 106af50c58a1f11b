// Catalogue SQL as clients write it for PostgreSQL, rewritten into SQLite's dialect: the handful of
// spellings psql, JDBC and BI tools use in their pg_catalog queries. Only code is rewritten, never
// the inside of '…' literals or "…" identifiers (a '^(name)$' pattern stays as it is).

import { sqlTokens } from '../../engine.js';

/** Rewrites applied in order to each code token. */
const CODE_REWRITES: readonly (readonly [RegExp, string])[] = [
  // `x OPERATOR(pg_catalog.~) y` is how psql spells a regex match.
  [/OPERATOR\s*\(\s*(?:pg_catalog\s*\.\s*)?([~!*]+)\s*\)/gi, ' $1 '],
  [/\bCOLLATE\s+(?:pg_catalog\s*\.\s*)?(?:"?default"?|"C")/gi, ''],
  // Casts: values already have the right shape (oid::regclass keeps its number, 'x'::text its text).
  [/::\s*(?:pg_catalog\s*\.\s*)?"?[a-z_][\w]*"?(?:\s*\(\s*\d+\s*\))?(?:\[\])?/gi, ''],
  [/!~\*?/g, ' NOT REGEXP '],
  [/~\*?/g, ' REGEXP '],
  [/\bILIKE\b/gi, 'LIKE'],
  // ARRAY(SELECT …) becomes a scalar subquery: the catalogue holds no arrays, so it is NULL or one value.
  [/\bARRAY\s*\(\s*(?=SELECT\b)/gi, '('],
  // unnest(<array>) x in a FROM list: the catalogue's arrays are all empty, so it yields no rows.
  [/\b(?:pg_catalog\s*\.\s*)?unnest\s*\([^()]*\)\s+(?:AS\s+)?(\w+)/gi, '(SELECT NULL AS $1 WHERE 0) AS $1'],
  // Function calls are never schema-qualified in SQLite; tables keep `pg_catalog.` (an attached db).
  [/\bpg_catalog\s*\.\s*([a-z_][\w]*)\s*\(/gi, '$1('],
  // Niladic functions PostgreSQL calls without parentheses.
  [/\b(current_user|session_user|current_catalog|current_schema|user)\b(?!\s*\()/gi, '$1()'],
];

/**
 * Whole-statement rewrites for PostgreSQL array idioms SQLite has no form of, as Grafana's
 * PostgreSQL data source writes them (public/app/plugins/datasource/grafana-postgresql-datasource/
 * postgresMetaQuery.ts in grafana/grafana: buildSchemaConstraint and getSchema). They span string
 * literals, so they run on the text before it is split into tokens; each pattern is specific enough
 * not to occur inside a literal by chance.
 */
const STATEMENT_REWRITES: readonly (readonly [RegExp, string])[] = [
  // The schemas of the search_path, "$user" as the user: one row per schema.
  [
    /SELECT\s+CASE\s+WHEN\s+trim\(\s*s\[i\]\s*\)\s*=\s*'"\$user"'\s+THEN\s+user\s+ELSE\s+trim\(\s*s\[i\]\s*\)\s+END\s+FROM\s+generate_series\(\s*array_lower\(\s*string_to_array\(\s*current_setting\(\s*'search_path'\s*\)\s*,\s*','\s*\)\s*,\s*1\s*\)\s*,\s*array_upper\(\s*string_to_array\(\s*current_setting\(\s*'search_path'\s*\)\s*,\s*','\s*\)\s*,\s*1\s*\)\s*\)\s+(?:as\s+)?i\s*,\s*string_to_array\(\s*current_setting\(\s*'search_path'\s*\)\s*,\s*','\s*\)\s+(?:as\s+)?s\b/gi,
    'SELECT value FROM json_each(search_path_schemas())',
  ],
  // parse_ident('a.b') is a JSON array here: its length, and its n-th element (1-based in PostgreSQL).
  [/\barray_length\(\s*parse_ident\(\s*('(?:[^']|'')*')\s*\)\s*,\s*1\s*\)/gi, 'json_array_length(parse_ident($1))'],
];

function rewriteStatement(sql: string): string {
  let out = STATEMENT_REWRITES.reduce((s, [re, to]) => s.replace(re, to), sql);
  out = out.replace(/\(\s*parse_ident\(\s*('(?:[^']|'')*')\s*\)\s*\)\s*\[(\d+)\]/gi, (_, name: string, n: string) => `json_extract(parse_ident(${name}), '$[${Number(n) - 1}]')`);
  return out;
}

export function toSqlite(text: string): string {
  const sql = rewriteStatement(text);
  const tokens = sqlTokens(sql);
  // `x = ANY (ARRAY[a, b])` (SQLAlchemy's relkind test) is `x IN (a, b)`; the `])` that closes it
  // comes after the literals, in a later code token.
  let inArray = false;
  return tokens
    .map((t, i) => {
      const text = sql.slice(t.start, t.end);
      if (t.kind === 'comment') return ' ';
      if (t.kind !== 'code') return text;
      let code = text;
      if (inArray) code = code.replace(/^([^\]]*)\]\s*\)/, (_, before: string) => ((inArray = false), `${before})`));
      code = code.replace(/=\s*ANY\s*\(\s*ARRAY\s*\[([^\]]*)(\]\s*\))?/gi, (_, items: string, closed?: string) => ((inArray = closed === undefined), `IN (${items}${closed ? ')' : ''}`));
      const rewritten = CODE_REWRITES.reduce((s, [re, to]) => s.replace(re, to), code);
      // E'\n' (an escape string): SQLite has no such prefix; the literal itself is kept.
      return tokens[i + 1]?.kind === 'string' ? rewritten.replace(/\bE$/i, '') : rewritten;
    })
    .join('');
}

const CATALOG_RELATION = /\b(?:pg_catalog|information_schema)\s*\.|\bpg_(?:class|namespace|attribute|type|database|roles|user|settings|tables|views|description|proc|index|am|extension|matviews)\b/i;
// Called as functions (a column may well be named `version`), or the niladic keywords.
const CATALOG_FUNCTION = /\b(?:version|current_setting|set_config|current_schemas?|current_database|pg_backend_pid|pg_is_in_recovery|has_\w+_privilege|pg_encoding_to_char|format_type|obj_description|col_description|inet_server_addr|inet_server_port|txid_current|to_regtype|pg_postmaster_start_time)\s*\(|\b(?:current_user|session_user|current_catalog|current_schema)\b/i;

/**
 * Does the query read the catalogue (answered here) rather than a resource (the engine)? A query
 * that names a resource (`resourceIds`, lower case) is the engine's, whatever else it calls.
 */
export function readsCatalog(sql: string, resourceIds: readonly string[] = []): boolean {
  const code = sqlTokens(sql)
    .filter((t) => t.kind === 'code')
    .map((t) => sql.slice(t.start, t.end))
    .join(' ');
  const lower = code.toLowerCase();
  if (resourceIds.some((id) => lower.includes(id))) return false;
  return CATALOG_RELATION.test(code) || CATALOG_FUNCTION.test(code);
}
