// Every error hookql raises on purpose lives here. Each has a stable `code` (for scripts and tests),
// a one-line `hint` (what to do about it) and the process `exitCode` the CLI uses:
// 2 = the input was wrong (nothing was sent), 1 = the API or the network failed.
// Only src/cli/ turns these into text and an exit status; library code just throws.

export type ExitCode = 1 | 2;

export interface ErrorOptions {
  readonly hint?: string;
  readonly cause?: unknown;
}

export abstract class HookqlError extends Error {
  abstract readonly code: string;
  abstract readonly exitCode: ExitCode;
  readonly hint: string | undefined;

  constructor(message: string, options: ErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
  }
}

/** Input errors: exit 2, and by construction raised before any request is sent. */
export abstract class InputError extends HookqlError {
  readonly exitCode = 2 as const;
}

/** A bad flag, argument or option on the command line. */
export class UsageError extends InputError {
  readonly code = 'USAGE';
}

/** SQL that does not parse; `line`/`column` are 1-based positions in the statement text. */
export class SqlSyntaxError extends InputError {
  readonly code = 'SQL_SYNTAX';
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
    options: ErrorOptions = {},
  ) {
    super(`${message} (at line ${line}, column ${column})`, options);
  }
}

/** SQL that parses but that hookql does not support (ILIKE, `::` casts, writes to two resources…). */
export class UnsupportedSqlError extends InputError {
  readonly code = 'SQL_UNSUPPORTED';
}

/** A `{{ name }}` placeholder with no value from --var / .set / manifest vars. */
export class UnfilledVariableError extends InputError {
  readonly code = 'UNFILLED_VARIABLE';
  /** The placeholders left empty, so each front end can say how it fills them (--var, .set). */
  readonly names: readonly string[];
  constructor(message: string, options: ErrorOptions & { names?: readonly string[] } = {}) {
    super(message, options);
    this.names = options.names ?? [];
  }
}

/** A --var (or manifest var override) that no `{{ name }}` placeholder uses: most likely a typo. */
export class UnusedVariableError extends InputError {
  readonly code = 'UNUSED_VARIABLE';
}

export class UnknownResourceError extends InputError {
  readonly code = 'UNKNOWN_RESOURCE';
}

export class UnknownMethodError extends InputError {
  readonly code = 'UNKNOWN_METHOD';
}

export class UnknownColumnError extends InputError {
  readonly code = 'UNKNOWN_COLUMN';
}

/** An EXEC argument or INSERT column the method does not take. */
export class UnknownParameterError extends InputError {
  readonly code = 'UNKNOWN_PARAMETER';
}

/** A required parameter of the chosen method is absent from WHERE / the column list / EXEC args. */
export class MissingParameterError extends InputError {
  readonly code = 'MISSING_PARAMETER';
}

/** A value of the wrong type, an unknown enum value, malformed JSON, a broken constraint. */
export class InvalidValueError extends InputError {
  readonly code = 'INVALID_VALUE';
}

/** A write (or a delete) that the session's access mode refuses (serve without --allow-writes, mcp read-only or safe). */
export class WriteNotAllowedError extends InputError {
  readonly code = 'WRITE_NOT_ALLOWED';
}

/** A client broke the PostgreSQL protocol's rules (an unknown prepared statement or portal…). */
export class ProtocolError extends InputError {
  readonly code = 'PROTOCOL';
  constructor(
    message: string,
    /** The SQLSTATE PostgreSQL answers this with (26000 unknown statement, 34000 unknown portal…). */
    readonly sqlstate: string,
    options: ErrorOptions = {},
  ) {
    super(message, options);
  }
}

/** A workspace name / profile / credentials configuration that cannot be used. */
export class ConfigError extends InputError {
  readonly code = 'CONFIG';
}

/** A snapshot store written by a newer hookql (a schema version this one does not know): never written to. */
export class StoreVersionError extends InputError {
  readonly code = 'STORE_VERSION';
}

/** An UPDATE / DELETE whose WHERE names nothing but the workspace: it would touch every row. */
export class UnboundedWriteError extends InputError {
  readonly code = 'UNBOUNDED_WRITE';
}

/** `ON CONFLICT (cols)` naming columns other than the resource's natural key. */
export class ConflictTargetError extends InputError {
  readonly code = 'CONFLICT_TARGET';
}

/**
 * A write that must find "the" live row by natural key found several: hookql never guesses.
 * Raised after the listing, before any change is sent.
 */
export class AmbiguousMatchError extends InputError {
  readonly code = 'AMBIGUOUS_MATCH';
}

export interface Issue {
  /** Where: a YAML path (`methods.update.required[0]`) or `file:line:column`. */
  readonly at: string;
  readonly message: string;
}

/** A resource definition (resources/**.yaml) that fails validation; every issue is listed. */
export class DefinitionError extends InputError {
  readonly code = 'DEFINITION_INVALID';
  constructor(
    readonly file: string,
    readonly issues: readonly Issue[],
    options: ErrorOptions = {},
  ) {
    super(`${file}: ${issues.length} problem(s)\n${issues.map((i) => `  ${i.at}: ${i.message}`).join('\n')}`, options);
  }
}

/** A manifest that fails validation; every issue is listed with file:line:column. */
export class ManifestError extends InputError {
  readonly code = 'MANIFEST_INVALID';
  constructor(
    readonly file: string,
    readonly issues: readonly Issue[],
    options: ErrorOptions = {},
  ) {
    super(`${file}: ${issues.length} problem(s)\n${issues.map((i) => `  ${i.at}: ${i.message}`).join('\n')}`, options);
  }
}

/** Failures of the remote side: exit 1. Never shown as an empty result. */
export abstract class RemoteError extends HookqlError {
  readonly exitCode = 1 as const;
}

export interface ApiErrorDetails {
  readonly status: number;
  /** Databricks `error_code` (a string such as RESOURCE_DOES_NOT_EXIST, or a number on auth failures). */
  readonly errorCode: string;
  readonly apiMessage: string;
  readonly httpMethod: string;
  /** Request path without the query string (query values can be user data; headers never appear). */
  readonly path: string;
  readonly workspace: string;
}

/** The API answered with an error status. */
export class ApiError extends RemoteError {
  readonly code: string;
  constructor(
    readonly details: ApiErrorDetails,
    options: ErrorOptions = {},
  ) {
    super(
      `${details.httpMethod} ${details.path} on workspace '${details.workspace}' failed: ` +
        // A numeric error_code (auth failures send {"error_code": 403}) only repeats the status.
        `HTTP ${details.status}${details.errorCode === String(details.status) ? '' : ` ${details.errorCode}`}: ${details.apiMessage}`,
      options,
    );
    this.code = `API_${details.status}`;
  }
}

/** Connection refused / reset / DNS / TLS failures and timeouts. */
export class NetworkError extends RemoteError {
  readonly code = 'NETWORK';
}

/** No token could be had: a CLI failed, a JWT is missing, or every method of the default chain failed. */
export class AuthError extends RemoteError {
  readonly code = 'AUTH';
}

/** The statement's overall deadline passed. */
export class DeadlineError extends RemoteError {
  readonly code = 'DEADLINE';
}

/** The user cancelled (Ctrl-C); the shell stays up. */
export class CancelledError extends RemoteError {
  readonly code = 'CANCELLED';
}

/** Some of several independent changes failed (apply, multi-row INSERT, fan-out writes). */
export class PartialFailureError extends RemoteError {
  readonly code = 'PARTIAL_FAILURE';
  constructor(
    message: string,
    readonly failures: readonly { readonly label: string; readonly error: HookqlError }[],
    options: ErrorOptions = {},
  ) {
    super(message, options);
  }
}

/**
 * Some workspaces of a statement over several failed, and it was not run with --partial: the
 * statement fails whole (no rows), naming every failed workspace and why.
 */
export class WorkspacesFailedError extends RemoteError {
  readonly code = 'WORKSPACES_FAILED';
  constructor(
    readonly failures: readonly { readonly workspace: string; readonly code: string; readonly message: string }[],
    total: number,
    cause?: unknown,
  ) {
    super(
      `${failures.length} of ${total} workspaces failed:\n${failures.map((f) => `  ${f.workspace}: [${f.code}] ${f.message}`).join('\n')}`,
      { cause, hint: 'fix them, or add --partial (.partial on in the shell) to get the rows of the others' },
    );
  }
}

/** A local server (the emulator) could not listen: the port is taken, or the address is not ours. */
export class ListenError extends HookqlError {
  readonly code = 'CANNOT_LISTEN';
  readonly exitCode = 1 as const;
}

/** Local SQL the user wrote failed while running (bad JSON for json_extract, a blob too big…). */
export class LocalSqlError extends InputError {
  readonly code = 'SQL_ERROR';
}

export function isHookqlError(e: unknown): e is HookqlError {
  return e instanceof HookqlError;
}
