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

export interface StatementResult {
  /** The statement as written (may contain secrets: redact before printing). */
  readonly statement: string;
  readonly columns: readonly ResultColumn[];
  readonly rows: readonly (readonly CellValue[])[];
  /** "2 items created" for writes without RETURNING (printed on stderr); null for queries. */
  readonly summary: string | null;
  readonly stats: StatementStats;
}

/** Progress while pages are fetched or changes applied (the CLI draws it on a TTY). */
export interface Progress {
  readonly fetched: number;
  readonly workspaces: number;
  readonly noun: string;
  /** Requests finished and known so far, when some are made per value of another table (joins). */
  readonly calls?: { readonly done: number; readonly total: number };
}
