// hookql's error codes as SQLSTATE codes, so clients and BI tools classify them as PostgreSQL's own
// (42601 is a syntax error to psycopg, 57014 a cancelled statement to JDBC…).

const BY_CODE: Readonly<Record<string, string>> = {
  USAGE: '42601', // syntax_error
  SQL_SYNTAX: '42601', // syntax_error
  SQL_UNSUPPORTED: '0A000', // feature_not_supported
  UNFILLED_VARIABLE: '42P02', // undefined_parameter
  UNKNOWN_RESOURCE: '42P01', // undefined_table
  UNKNOWN_METHOD: '42883', // undefined_function
  UNKNOWN_COLUMN: '42703', // undefined_column
  UNKNOWN_PARAMETER: '42703', // undefined_column: a WHERE / column-list name the method does not take
  MISSING_PARAMETER: '22023', // invalid_parameter_value
  INVALID_VALUE: '22023', // invalid_parameter_value
  CONFIG: 'F0000', // config_file_error
  DEFINITION_INVALID: 'F0000',
  MANIFEST_INVALID: '22023',
  WRITE_NOT_ALLOWED: '25006', // read_only_sql_transaction
  PROTOCOL: '08P01', // protocol_violation (ProtocolError carries a more precise one)
  NETWORK: '08006', // connection_failure (to the API)
  DEADLINE: '57014', // query_canceled, as statement_timeout reports it
  CANCELLED: '57014', // query_canceled
  PARTIAL_FAILURE: '58000', // system_error
  INTERNAL: 'XX000', // internal_error
};

/** API_<status>: by HTTP status class. */
function apiState(status: number): string {
  if (status === 401) return '28000'; // invalid_authorization_specification
  if (status === 403) return '42501'; // insufficient_privilege
  if (status === 404) return '42704'; // undefined_object
  if (status === 429) return '53400'; // configuration_limit_exceeded (rate limited)
  if (status >= 400 && status < 500) return '22023';
  return '58030'; // io_error: the remote side failed
}

export function sqlstateOf(code: string): string {
  const api = /^API_(\d{3})$/.exec(code);
  if (api) return apiState(Number(api[1]));
  return BY_CODE[code] ?? 'XX000';
}
