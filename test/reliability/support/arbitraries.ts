// fast-check generators for the fuzz suite, built from the resource definition itself (its columns,
// params, enums and the StackQL documentation examples), so they follow the YAML rather than a copy.

import fc from 'fast-check';
import { findResource, loadRegistry } from '../../../src/definition/index.js';

export const def = findResource(loadRegistry([]), 'databricks_workspace.ml.model_registry_webhooks');
export const RESOURCE = def.id;
export const EVENTS = def.enums.RegistryWebhookEvent;
export const STATUSES = def.enums.RegistryWebhookStatus;
/** Every name a statement may use: columns and params. */
export const NAMES = [...new Set([...def.fields.map((f) => f.name), ...def.params.map((p) => p.name)])];
/** The five statements of StackQL's page for this resource, verbatim (`{{ var }}` placeholders). */
export const STACKQL_DOCS = def.examples.filter((e) => e.title.includes('StackQL documentation')).map((e) => e.sql);

/** Text that has broken SQL front ends before: quotes, separators, comments, escapes, non-ASCII. */
const NASTY = ["'", "''", '"', ';', '--', '/*', '*/', '\\', '\\n', '\n', '\r\n', '\t', '@', '$1', ':b0', '?', '%', '{', '}', '日本語', 'ü', '✓', '🚀', 'Ω', '\u00a0', '\u200b', '\u0000', ' '];

const textOf = (fragments: readonly string[]) =>
  fc
    .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...fragments) }, { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) }), { maxLength: 8 })
    .map((parts) => parts.join(''))
    // `{{ name }}` in statement text is a placeholder (StackQL templating): such text travels in a --var.
    .filter((t) => !/\{\{[\s\S]*\}\}/.test(t));

/** A string a user might type into SQL text, biased towards the nasty fragments (valid Unicode only). */
export const nastyText = textOf(NASTY);

/** The same, plus placeholder syntax: a --var value is taken literally, braces and all. */
export const varText = fc.oneof(nastyText, fc.tuple(nastyText, fc.constantFrom('{{ x }}', '{{', '}}', '{{workspace}}'), nastyText).map((p) => p.join('')));

export const nonEmptyNasty = nastyText.filter((s) => s.trim() !== '');

const eventList = fc.uniqueArray(fc.constantFrom(...EVENTS.filter((e) => e !== 'REGISTERED_MODEL_CREATED')), { minLength: 1, maxLength: 4 });

/**
 * A valid http_url_spec. The URL points at `receiver` (a loopback sink, so an EXEC …test never leaves
 * the machine) and its path carries nasty text, percent-encoded so it stays a URL. The Authorization
 * value must be sendable as an HTTP header, so it stays printable ASCII.
 */
export const httpUrlSpec = (receiver: string) => fc.record(
  {
    url: nastyText.map((t) => `${receiver}/fuzz/${encodeURIComponent(t)}`),
    secret: nonEmptyNasty,
    authorization: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 20 }).map((t) => `Bearer ${t}`),
    enable_ssl_verification: fc.boolean(),
  },
  { requiredKeys: ['url'] },
);

/** A valid create, as API values (what a SELECT should return, write-only fields aside). */
export const validCreate = (receiver: string) =>
  fc.record({
    model_name: nonEmptyNasty,
    description: nastyText,
    events: eventList,
    status: fc.constantFrom(...STATUSES),
    http_url_spec: httpUrlSpec(receiver),
  });
export type ValidCreate = ReturnType<typeof validCreate> extends fc.Arbitrary<infer T> ? T : never;

/** A SQL string literal of `text` (standard SQL: only `'` is escaped, by doubling). */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

export function insertSql(workspace: string, c: ValidCreate, returning = 'id'): string {
  return (
    `INSERT INTO ${RESOURCE} (workspace, model_name, description, events, status, http_url_spec)\n` +
    `VALUES (${[workspace, c.model_name, c.description, JSON.stringify(c.events), c.status, JSON.stringify(c.http_url_spec)].map(sqlString).join(', ')})\n` +
    `RETURNING ${returning};`
  );
}

/** Values for the StackQL documentation statements' `{{ var }}` placeholders (passed with --var). */
export function docVars(workspace: string, id: string, receiver: string) {
  return fc.record({
    workspace: fc.constant(workspace),
    id: fc.oneof(fc.constant(id), fc.constant('0123456789abcdef0123456789abcdef'), fc.constant('')),
    events: fc.oneof(eventList.map((e) => JSON.stringify(e)), fc.constant('')),
    description: nastyText,
    http_url_spec: fc.oneof(httpUrlSpec(receiver).map((s) => JSON.stringify(s)), fc.constant('')),
    job_spec: fc.constant(''),
    model_name: fc.oneof(nonEmptyNasty, fc.constant('')),
    status: fc.oneof(fc.constantFrom(...STATUSES), fc.constant('')),
    max_results: fc.oneof(fc.integer({ min: 1, max: 1000 }).map(String), fc.constant('')),
    page_token: fc.constant(''),
    event: fc.constantFrom(...EVENTS),
  });
}

/** Pieces a mutation inserts: SQL punctuation, keywords, names of the resource, bad values. */
const FRAGMENTS = [
  "'", '"', ';', '--', '/*', '*/', '(', ')', ',', '=', '*', '.', '@', '@@json=', '{{', '}}', '{{ nope }}', '\\', '\n',
  ' AND ', ' OR ', ' NOT ', ' NULL ', ' IN (', ' SELECT ', ' FROM ', ' WHERE ', ' RETURNING ', ' VALUES ', ' LIMIT 1 ',
  ' UNION SELECT 1 ', ' ORDER BY 1 ', ' GROUP BY ', ' JOIN ', ' EXPLAIN ', ' DESCRIBE ', ' SHOW ', ' EXEC ', ' ::text ',
  "'{\"url\":", "'[\"COMMENT_CREATED\"", "'NOT_AN_EVENT'", "'[]'", "'{}'", "'-1'", "'1e400'", "'99999999999999999999'",
  "'{\"url\":\"https://x.example\",\"secret\":7}'", "'{\"job_id\":\"1\",\"access_token\":\"t\"}'", "'日本'", '🚀',
  ...NAMES, ...NAMES.map((n) => `${n}x`), RESOURCE, `${RESOURCE}.delete`, `${RESOURCE}.test`, `${RESOURCE}.nope`,
];

export type Mutation =
  | { readonly kind: 'delete'; readonly at: number; readonly length: number }
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'duplicate'; readonly at: number; readonly length: number }
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'swap-word'; readonly which: number; readonly text: string };

/** Positions are fractions of the text's length, so one mutation applies to any statement. */
const where = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: where, length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: where, text: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...FRAGMENTS) }, { weight: 1, arbitrary: nastyText }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: where, length: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: where }),
  fc.record({ kind: fc.constant('swap-word' as const), which: fc.nat(), text: fc.constantFrom(...FRAGMENTS) }),
);

export function applyMutation(text: string, m: Mutation): string {
  const at = 'at' in m ? Math.floor(m.at * (text.length + 1)) : 0;
  switch (m.kind) {
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'duplicate':
      return text.slice(0, at + m.length) + text.slice(at, at + m.length) + text.slice(at + m.length);
    case 'truncate':
      return text.slice(0, at);
    case 'swap-word': {
      const words = [...text.matchAll(/[A-Za-z_][A-Za-z0-9_.]*/g)];
      if (words.length === 0) return text;
      const w = words[m.which % words.length];
      return text.slice(0, w.index) + m.text + text.slice((w.index ?? 0) + w[0].length);
    }
  }
}

/** Values that are wrong for a column, whatever else the statement says. */
export const BAD_VALUES: Readonly<Record<string, readonly string[]>> = {
  events: ['', 'COMMENT_CREATED', '[', '{}', '[]', '["NOT_AN_EVENT"]', '[1, 2]', '[null]', '"COMMENT_CREATED"', '["comment_created"]', '[["COMMENT_CREATED"]]'],
  status: ['active', 'ENABLED', '1', ' ACTIVE', 'ACTIVE '],
  http_url_spec: ['{', '[]', '"x"', '{}', '{"url": 5}', '{"url": null}', '{"url": ""}', '{"url": "https://x.example", "bogus": 1}', '{"url": "https://x.example", "secret": 12345}', '{"url": "https://x.example", "enable_ssl_verification": "yes"}', '{"url": "https://x.example", "authorization": ["a"]}', 'null', '1'],
  job_spec: ['{"job_id": "1"}', '{"access_token": "t"}', '{"job_id": 1, "access_token": "t"}', '{"job_id": "1", "access_token": ""}', '{"job_id": "", "access_token": "t"}', '{"job_id": "1", "access_token": "t", "x": 1}', '[]'],
  max_results: ['-1', '1.5', 'abc', '1e400', '99999999999999999999999', '0x10', 'NaN', 'Infinity'],
};

/** Statements that are wrong as a whole: each must be refused before any request. */
export function badStatements(workspace: string): string[] {
  const ws = sqlString(workspace);
  const http = sqlString('{"url":"https://hooks.example.com/x"}');
  const job = sqlString('{"job_id":"1","access_token":"t"}');
  const ev = sqlString('["COMMENT_CREATED"]');
  return [
    `SELECT id FROM ${RESOURCE}`,
    `SELECT id FROM ${RESOURCE} WHERE workspace = ''`,
    `SELECT nope FROM ${RESOURCE} WHERE workspace = ${ws}`,
    `SELECT id FROM ${RESOURCE} WHERE workspace = ${ws} AND nope = 1`,
    `SELECT id FROM ${RESOURCE} WHERE workspace = ${ws} AND events = 'NOT_AN_EVENT'`,
    `SELECT id FROM ${RESOURCE} WHERE workspace = ${ws} AND events IN ('COMMENT_CREATED', 'NOPE')`,
    `SELECT id FROM ${RESOURCE} WHERE workspace = ${ws} AND status = 'NOPE'`,
    `SELECT id FROM ${RESOURCE}.list WHERE workspace = ${ws}`,
    `SELECT id FROM databricks_workspace.ml.nope WHERE workspace = ${ws}`,
    `INSERT INTO ${RESOURCE} (workspace, events) VALUES (${ws}, ${ev})`,
    `INSERT INTO ${RESOURCE} (workspace, events, http_url_spec, job_spec) VALUES (${ws}, ${ev}, ${http}, ${job})`,
    `INSERT INTO ${RESOURCE} (workspace, http_url_spec) VALUES (${ws}, ${http})`,
    `INSERT INTO ${RESOURCE} (events, http_url_spec) VALUES (${ev}, ${http})`,
    `INSERT INTO ${RESOURCE} (workspace, model_name, events, http_url_spec) VALUES (${ws}, 'm', '["REGISTERED_MODEL_CREATED"]', ${http})`,
    `INSERT INTO ${RESOURCE} (workspace, id, events, http_url_spec) VALUES (${ws}, 'x', ${ev}, ${http})`,
    `INSERT INTO ${RESOURCE} (workspace, creation_timestamp, events, http_url_spec) VALUES (${ws}, 1, ${ev}, ${http})`,
    `INSERT INTO ${RESOURCE} (workspace, nope, events, http_url_spec) VALUES (${ws}, 1, ${ev}, ${http})`,
    `INSERT INTO ${RESOURCE} (workspace, events, http_url_spec) VALUES (${ws}, ${ev}, ${http}) RETURNING nope`,
    `INSERT INTO ${RESOURCE} (workspace, events, http_url_spec) VALUES (${ws}, ${ev}, ${http}), (${ws}, '[]', ${http})`,
    `INSERT INTO ${RESOURCE} (workspace, events, http_url_spec) VALUES (${ws}, ${ev}, ${http}), (${ws}, ${ev})`,
    `UPDATE ${RESOURCE} SET status = 'ACTIVE' WHERE workspace = ${ws}`,
    `UPDATE ${RESOURCE} SET model_name = 'm' WHERE workspace = ${ws} AND id = 'x'`,
    `UPDATE ${RESOURCE} SET creation_timestamp = 1 WHERE workspace = ${ws} AND id = 'x'`,
    `UPDATE ${RESOURCE} SET http_url_spec = ${http}, job_spec = ${job} WHERE workspace = ${ws} AND id = 'x'`,
    `UPDATE ${RESOURCE} SET events = '[]' WHERE workspace = ${ws} AND id = 'x'`,
    `UPDATE ${RESOURCE} SET nope = 1 WHERE workspace = ${ws} AND id = 'x'`,
    `UPDATE ${RESOURCE} SET status = 'ACTIVE' WHERE id = 'x'`,
    `DELETE FROM ${RESOURCE} WHERE workspace = ${ws}`,
    `DELETE FROM ${RESOURCE} WHERE id = 'x'`,
    `EXEC ${RESOURCE}.delete @workspace=${ws}`,
    `EXEC ${RESOURCE}.delete @id='x'`,
    `EXEC ${RESOURCE}.delete @id='x', @workspace=${ws}, @nope=1`,
    `EXEC ${RESOURCE}.nope @workspace=${ws}`,
    `EXEC ${RESOURCE}.test @workspace=${ws} @@json='{"id": "x", "event": "NOPE"}'`,
    `EXEC ${RESOURCE}.test @workspace=${ws} @@json='{"event": "COMMENT_CREATED"}'`,
    `EXEC ${RESOURCE}.test @workspace=${ws} @@json='[1]'`,
    `EXEC ${RESOURCE}.test @workspace=${ws} @@json='{"id": {"nested": 5}}'`,
    `EXEC ${RESOURCE}.list @workspace=${ws} @max_results='-5'`,
    `DESCRIBE databricks_workspace.ml.nope`,
    `SHOW METHODS IN databricks_workspace.ml.nope`,
    `EXPLAIN SELECT id FROM ${RESOURCE}`,
  ];
}

/** One column of a valid INSERT replaced by a wrong value. */
export function badInsert(workspace: string, column: string, value: string): string {
  const values: Record<string, string> = { workspace, model_name: 'fuzz-model', events: '["COMMENT_CREATED"]', http_url_spec: '{"url":"https://hooks.example.com/x"}', [column]: value };
  if (column === 'job_spec') delete values.http_url_spec;
  if (column === 'max_results') return `SELECT id FROM ${RESOURCE} WHERE workspace = ${sqlString(workspace)} AND max_results = ${/^[\d.e+-]+$/i.test(value) ? value : sqlString(value)}`;
  const names = Object.keys(values);
  return `INSERT INTO ${RESOURCE} (${names.join(', ')}) VALUES (${names.map((n) => sqlString(values[n])).join(', ')})`;
}
