// What the engine returns for one statement: what the CLI, the shell and apply consume.

/** `epoch-ms`: an integer Unix time in milliseconds (the definition's `format: epoch-ms`). */
export type ColumnType = 'text' | 'integer' | 'real' | 'boolean' | 'json' | 'epoch-ms';

export interface ResultColumn {
  readonly name: string;
  /** `json` columns hold JSON text (arrays, objects); json/jsonl output emits them as JSON values. */
  readonly type: ColumnType;
}

export type CellValue = string | number | bigint | null;

export interface StatementStats {
  readonly requests: number;
  readonly retries: number;
  readonly pages: number;
  /** Rows fetched from the API (before local filtering). */
  readonly fetched: number;
  readonly elapsedMs: number;
}

/** A workspace whose requests failed, in a statement run with `partial` (stable JSON shape, documented). */
export interface WorkspaceFailure {
  readonly workspace: string;
  /** The error's stable code (API_503, NETWORK, AUTH, …). */
  readonly code: string;
  readonly message: string;
  readonly hint: string | null;
}

export interface StatementResult {
  /** The statement as written (may contain secrets: redact before printing). */
  readonly statement: string;
  readonly columns: readonly ResultColumn[];
  readonly rows: readonly (readonly CellValue[])[];
  /** "2 items created" for writes without RETURNING (printed on stderr); null for queries. */
  readonly summary: string | null;
  readonly stats: StatementStats;
  /**
   * Set only with `partial`: the workspaces that failed, whose rows are missing from `rows`. An empty
   * array means every workspace answered; absent means the statement was not run with `partial`.
   */
  readonly failures?: readonly WorkspaceFailure[];
}

/** Progress while pages are fetched or changes applied (the CLI draws it on a TTY). */
export interface Progress {
  readonly fetched: number;
  readonly workspaces: number;
  readonly noun: string;
  /** Listings (one per workspace and table) finished, failed and running; absent for writes. */
  readonly done?: number;
  readonly failed?: number;
  readonly inFlight?: number;
  /** Requests finished and known so far, when some are made per value of another table (joins). */
  readonly calls?: { readonly done: number; readonly total: number };
}
