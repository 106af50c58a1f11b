// The statements a PostgreSQL session answers itself, without data: SET / RESET / SHOW of a setting,
// transaction control (accepted and ignored: hookql has no transactions, each write is an API call),
// DISCARD / DEALLOCATE. Drivers send these on connect (JDBC: SET extra_float_digits, application_name;
// psycopg: BEGIN unless autocommit) and they must not reach the engine.

export interface SessionReply {
  readonly tag: string;
  /** SHOW: one row with one column. */
  readonly show?: { readonly name: string; readonly value: string };
}

/** hookql's own SHOW (the engine's): SHOW PROVIDERS | SERVICES | RESOURCES | METHODS. */
const ENGINE_SHOW = /^SHOW\s+(PROVIDERS|SERVICES|RESOURCES|METHODS)\b/i;
const TRANSACTION = /^(BEGIN|START\s+TRANSACTION|COMMIT|END|ROLLBACK|ABORT|SAVEPOINT|RELEASE|PREPARE\s+TRANSACTION)\b/i;

export function sessionCommand(sql: string, settings: Map<string, string>): SessionReply | null {
  const text = sql.replace(/^\s*(?:--[^\n]*\n\s*)*/, '').replace(/;\s*$/, '').trim();
  const word = /^[A-Za-z]+/.exec(text)?.[0].toUpperCase();
  if (word === undefined) return null;
  if (TRANSACTION.test(text)) return { tag: transactionTag(text) };
  switch (word) {
    case 'SET':
      return set(text, settings);
    case 'RESET':
      return { tag: 'RESET' };
    case 'SHOW':
      return ENGINE_SHOW.test(text) ? null : show(text, settings);
    case 'DISCARD':
      return { tag: text.toUpperCase().replace(/\s+/g, ' ') };
    case 'DEALLOCATE':
      return { tag: 'DEALLOCATE' };
    case 'LISTEN':
    case 'UNLISTEN':
      return { tag: word };
    default:
      return null;
  }
}

function transactionTag(text: string): string {
  const word = text.split(/\s+/)[0].toUpperCase();
  if (word === 'START') return 'START TRANSACTION';
  if (word === 'END') return 'COMMIT';
  if (word === 'ABORT') return 'ROLLBACK';
  return word;
}

function set(text: string, settings: Map<string, string>): SessionReply {
  // SET [SESSION | LOCAL] name { TO | = } value ; SET TIME ZONE value ; SET SESSION CHARACTERISTICS …
  const m = /^SET\s+(?:SESSION\s+|LOCAL\s+)?([\w.]+)\s*(?:=|\bTO\b)\s*(.+)$/is.exec(text);
  if (m) settings.set(m[1].toLowerCase(), unquote(m[2].trim()));
  const tz = /^SET\s+(?:SESSION\s+|LOCAL\s+)?TIME\s+ZONE\s+(.+)$/is.exec(text);
  if (tz) settings.set('timezone', unquote(tz[1].trim()));
  return { tag: 'SET' };
}

function show(text: string, settings: Map<string, string>): SessionReply {
  const name = text.replace(/^SHOW\s+/i, '').trim().toLowerCase().replace(/\s+/g, '_');
  const key = name === 'transaction_isolation_level' ? 'transaction_isolation' : name;
  return { tag: 'SHOW', show: { name: key, value: settings.get(key) ?? '' } };
}

function unquote(v: string): string {
  const m = /^'(.*)'$/s.exec(v) ?? /^"(.*)"$/s.exec(v);
  return m ? m[1].replace(/''/g, "'") : v;
}
