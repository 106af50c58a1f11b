// The settings a session starts with, as PostgreSQL reports them to drivers and BI tools.

/** Sent as ParameterStatus after authentication (the ones libpq, psycopg and JDBC look at). */
export const REPORTED = new Set(['server_encoding', 'client_encoding', 'datestyle', 'timezone', 'integer_datetimes', 'standard_conforming_strings', 'intervalstyle', 'is_superuser', 'session_authorization', 'application_name', 'default_transaction_read_only']);
export const PARAMETER_NAMES: Readonly<Record<string, string>> = { datestyle: 'DateStyle', timezone: 'TimeZone', intervalstyle: 'IntervalStyle' };

export interface SettingsInput {
  readonly user: string;
  readonly applicationName: string;
  /** Every resource's schema (its service), for search_path. */
  readonly services: readonly string[];
  readonly serverVersion: string;
  readonly allowWrites: boolean;
  readonly statementTimeoutMs: number;
}

/** A new session's settings (SHOW, current_setting(), and the ParameterStatus messages). */
export function sessionSettings(input: SettingsInput): Map<string, string> {
  const { user, applicationName, services } = input;
  return new Map([
    ['server_version', input.serverVersion],
    ['server_version_num', '150000'],
    ['server_encoding', 'UTF8'],
    ['client_encoding', 'UTF8'],
    ['datestyle', 'ISO, MDY'],
    ['timezone', 'UTC'],
    ['integer_datetimes', 'on'],
    ['standard_conforming_strings', 'on'],
    ['intervalstyle', 'postgres'],
    ['is_superuser', 'off'],
    ['session_authorization', user],
    ['application_name', applicationName],
    ['default_transaction_read_only', input.allowWrites ? 'off' : 'on'],
    ['transaction_read_only', input.allowWrites ? 'off' : 'on'],
    ['transaction_isolation', 'read committed'],
    // Every resource's schema is on the path: `\d model_registry_webhooks` finds it unqualified.
    ['search_path', ['"$user"', 'public', ...services].join(', ')],
    ['max_identifier_length', '63'],
    ['statement_timeout', String(input.statementTimeoutMs)],
    ['lc_messages', 'C'],
  ]);
}

