// The small pure parts of serve: decoding frontend messages that arrive several to a chunk, the
// SQLSTATE of each hookql error code, session commands, and the catalogue's SQL rewriting.

import { describe, expect, it } from 'vitest';
import { toSqlite, readsCatalog } from '../../src/serve/catalog/translate.js';
import { sessionCommand } from '../../src/serve/session-commands.js';
import { sqlstateOf } from '../../src/serve/sqlstate.js';
import { readCancelRequest, readFrontendMessage } from '../../src/serve/wire-reader.js';

/** A frontend message: type byte, length, body. */
function message(code: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(5);
  head.write(code, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}
const cstr = (s: string) => Buffer.from(`${s}\0`);
const i16 = (n: number) => Buffer.from([n >> 8, n & 255]);
const i32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};

describe('frontend messages', () => {
  it('decodes Parse and Bind from the middle of a larger chunk (as pipelined drivers send them)', () => {
    const parse = message('P', cstr('s1'), cstr('SELECT $1'), i16(1), i32(25));
    const bind = message('B', cstr(''), cstr('s1'), i16(0), i16(2), i32(3), Buffer.from('abc'), i32(-1), i16(0));
    const chunk = Buffer.concat([Buffer.from('junk'), parse, bind]);
    const at = 4 + parse.length;
    expect(readFrontendMessage(chunk.subarray(4, at))).toEqual({ kind: 'parse', name: 's1', sql: 'SELECT $1', paramTypes: [25] });
    const decoded = readFrontendMessage(chunk.subarray(at));
    expect(decoded).toMatchObject({ kind: 'bind', portal: '', statement: 's1', paramFormats: [], resultFormats: [] });
    expect(decoded.kind === 'bind' && decoded.params.map((p) => (p === null ? null : Buffer.from(p).toString()))).toEqual(['abc', null]);
  });

  it('decodes Describe, Execute, Close and Sync', () => {
    expect(readFrontendMessage(message('D', Buffer.from('P'), cstr('')))).toEqual({ kind: 'describe', target: 'P', name: '' });
    expect(readFrontendMessage(message('E', cstr('p'), i32(10)))).toEqual({ kind: 'execute', portal: 'p', maxRows: 10 });
    expect(readFrontendMessage(message('C', Buffer.from('S'), cstr('s1')))).toEqual({ kind: 'close', target: 'S', name: 's1' });
    expect(readFrontendMessage(message('S'))).toEqual({ kind: 'sync' });
  });

  it('recognises a CancelRequest and nothing else as one', () => {
    expect(readCancelRequest(Buffer.concat([i32(16), i32(80877102), i32(1000), i32(42)]))).toEqual({ pid: 1000, secret: 42 });
    expect(readCancelRequest(Buffer.concat([i32(16), i32(196608), i32(0), i32(0)]))).toBeNull();
  });
});

describe('SQLSTATE of hookql errors', () => {
  it.each([
    ['SQL_SYNTAX', '42601'],
    ['UNKNOWN_COLUMN', '42703'],
    ['UNKNOWN_RESOURCE', '42P01'],
    ['WRITE_NOT_ALLOWED', '25006'],
    ['CANCELLED', '57014'],
    ['DEADLINE', '57014'],
    ['NETWORK', '08006'],
    ['API_401', '28000'],
    ['API_403', '42501'],
    ['API_404', '42704'],
    ['API_503', '58030'],
    ['SOMETHING_NEW', 'XX000'],
  ])('%s → %s', (code, state) => expect(sqlstateOf(code)).toBe(state));
});

describe('session commands', () => {
  it('keeps SET values for SHOW, and leaves hookql\'s own SHOW to the engine', () => {
    const settings = new Map<string, string>();
    expect(sessionCommand("SET application_name TO 'grafana'", settings)).toEqual({ tag: 'SET' });
    expect(sessionCommand('SHOW application_name;', settings)).toEqual({ tag: 'SHOW', show: { name: 'application_name', value: 'grafana' } });
    expect(sessionCommand('show transaction isolation level', new Map([['transaction_isolation', 'read committed']]))?.show?.value).toBe('read committed');
    expect(sessionCommand('SHOW RESOURCES IN databricks_workspace.ml', settings)).toBeNull();
    expect(sessionCommand('BEGIN', settings)).toEqual({ tag: 'BEGIN' });
    expect(sessionCommand('SELECT 1', settings)).toBeNull();
  });
});

describe('catalogue SQL', () => {
  it('rewrites psql\'s operators, casts and collations, never inside literals', () => {
    expect(toSqlite("WHERE c.relname OPERATOR(pg_catalog.~) '^(a::b)$' COLLATE pg_catalog.default AND c.oid::pg_catalog.regclass = x")).toBe(
      "WHERE c.relname   REGEXP   '^(a::b)$'  AND c.oid = x",
    );
    expect(toSqlite("SELECT pg_catalog.format_type(t, m), current_user, E'\\n'")).toBe("SELECT format_type(t, m), current_user(), '\\n'");
  });

  it('tells catalogue queries from resource queries', () => {
    expect(readsCatalog('SELECT version()')).toBe(true);
    expect(readsCatalog('SELECT * FROM information_schema.tables')).toBe(true);
    expect(readsCatalog("SELECT * FROM databricks_workspace.ml.model_registry_webhooks WHERE description = 'pg_class version()'")).toBe(false);
    // A column named like a catalogue function, and a resource query calling one, are the engine's.
    expect(readsCatalog('SELECT version FROM databricks_workspace.ml.model_registry_model_versions')).toBe(false);
    expect(readsCatalog('SELECT current_database(), id FROM acme.x.y', ['acme.x.y'])).toBe(false);
  });
});
