// What parse/ hands to plan/: plain, immutable statements tagged with `kind`.
// Every SQL string literal was lifted out of the text before parsing and is carried as a bound
// value, so nothing a user typed is ever spliced back into SQL.

export type SqlValue = string | number | boolean | null;

/** A top-level `AND` conjunct of a WHERE clause that plan/ may turn into a request param. */
export interface Predicate {
  /** Column / param name as written, lower-cased, without table qualifier. */
  readonly column: string;
  readonly op: '=' | 'in';
  readonly values: readonly SqlValue[];
  /**
   * The predicate's slot in the rewritten SQL: a bare identifier `__hookql_pred_N` (double-quoted
   * in `sql`) that materialize/ replaces with the local check plan/ decides on (or with `1`).
   */
  readonly slot: string;
  /**
   * `col IN (SELECT …)` (uncorrelated): the subquery's SQLite SQL, over the scans walked inside it
   * (its own predicate slots still in place); `values` is then empty. Absent for literal predicates.
   */
  readonly subquery?: string;
}

/** One side of a column-to-column comparison: a scan (by scratch table) and one of its columns. */
export interface LinkEnd {
  readonly table: string;
  readonly column: string;
}

/**
 * A top-level conjunct `a.x = b.y` of a WHERE or ON between two scans of one block. It stays in the
 * SQL as written; plan/ may use it to feed a required input of one side from the other side's rows.
 */
export interface ColumnLink {
  readonly left: LinkEnd;
  readonly right: LinkEnd;
  /** The scan tables the link may feed: both sides, or (ON of a LEFT JOIN) only the joined table. */
  readonly feeds: readonly string[];
}

/** One occurrence of a resource in a FROM clause (at any depth: subquery, CTE, join). */
export interface ResourceScan {
  /** Resource id as written, lower-cased: `provider.service.resource`. */
  readonly resource: string;
  /** The scratch table name this occurrence was rewritten to in `sql` (`__hookql_scan_N`). */
  readonly table: string;
  /** Column names referenced for this scan (for unknown-column checks); `*` included when used. */
  readonly columns: readonly string[];
  /** Columns written in double quotes ("name"), which may be strings meant as literals. */
  readonly quoted?: readonly string[];
  /** The alias given in FROM (`FROM res AS w`), or null; slots qualify columns with alias ?? table. */
  readonly alias: string | null;
  /** Extractable conjuncts from the WHERE of the block where the scan appears. */
  readonly predicates: readonly Predicate[];
  /** 1-based position of the resource name in the statement text, for messages. */
  readonly line: number;
  readonly column: number;
}

export interface SelectStatement {
  readonly kind: 'select';
  readonly text: string;
  /**
   * SQLite SQL: resource references replaced by their scan tables, literals replaced by named
   * parameters (`:b0`, `:b1`, … bound from `bindings`), predicate slots as `"__hookql_pred_N"`.
   */
  readonly sql: string;
  readonly bindings: Readonly<Record<string, SqlValue>>;
  readonly scans: readonly ResourceScan[];
  readonly links: readonly ColumnLink[];
}

/** `RETURNING a, b` → ['a','b']; `RETURNING *` → ['*']; none → null. */
export type Returning = readonly string[] | null;

export interface InsertStatement {
  readonly kind: 'insert';
  readonly text: string;
  readonly resource: string;
  readonly columns: readonly string[];
  /** The rows to insert: VALUES (…) or SELECT …, both as a select (possibly with no scans). */
  readonly source: SelectStatement;
  /** `ON CONFLICT [(cols)] DO NOTHING | DO UPDATE SET …`; null without ON CONFLICT. */
  readonly onConflict: OnConflict | null;
  readonly returning: Returning;
}

/** What to do with a row whose natural key already exists live. */
export interface OnConflict {
  /** The conflict target as written, lower-cased; null when left out (= the natural key). */
  readonly target: readonly string[] | null;
  readonly action: 'nothing' | 'update';
  /** DO UPDATE SET: each column takes the inserted row's value (`EXCLUDED.col`) or a literal. */
  readonly set: readonly ConflictAssignment[];
}

export type ConflictAssignment =
  | { readonly column: string; readonly kind: 'excluded'; readonly from: string }
  | { readonly column: string; readonly kind: 'value'; readonly value: SqlValue };

export interface Assignment {
  readonly column: string;
  readonly value: SqlValue;
}

export interface UpdateStatement {
  readonly kind: 'update';
  readonly text: string;
  readonly resource: string;
  readonly set: readonly Assignment[];
  /** Extractable conjuncts of WHERE (`workspace = …`, `id IN (…)`). */
  readonly predicates: readonly Predicate[];
  /** `SELECT * FROM <resource> WHERE <the whole WHERE>`, for updates that must find their rows first. */
  readonly selector: SelectStatement;
  /** True when WHERE has parts besides extractable conjuncts. */
  readonly hasResidualWhere: boolean;
  /** Columns WHERE refers to (outside subqueries): a WHERE naming only the server param picks every row. */
  readonly whereColumns: readonly string[];
  readonly returning: Returning;
}

export interface DeleteStatement {
  readonly kind: 'delete';
  readonly text: string;
  readonly resource: string;
  readonly predicates: readonly Predicate[];
  readonly selector: SelectStatement;
  readonly hasResidualWhere: boolean;
  readonly whereColumns: readonly string[];
  readonly returning: Returning;
}

export interface ExecStatement {
  readonly kind: 'exec';
  readonly text: string;
  readonly resource: string;
  readonly method: string;
  /** `@name='value'` arguments, names lower-cased. */
  readonly args: Readonly<Record<string, SqlValue>>;
  /** `@@json='{…}'`, parsed; null when absent. */
  readonly json: Readonly<Record<string, unknown>> | null;
}

export interface ShowStatement {
  readonly kind: 'show';
  readonly text: string;
  readonly what: 'providers' | 'services' | 'resources' | 'methods';
  /** `IN databricks_workspace.ml` etc.; null when absent. */
  readonly in: string | null;
  /** `LIKE 'pattern'`; null when absent. */
  readonly like: string | null;
}

export interface DescribeStatement {
  readonly kind: 'describe';
  readonly text: string;
  readonly extended: boolean;
  readonly resource: string;
}

export interface ExplainStatement {
  readonly kind: 'explain';
  readonly text: string;
  readonly statement: Exclude<Statement, ExplainStatement>;
  /** `EXPLAIN` shows a readable tree; `EXPLAIN (FORMAT JSON)` the whole plan as data. */
  readonly format?: 'tree' | 'json';
}

export type Statement =
  | SelectStatement
  | InsertStatement
  | UpdateStatement
  | DeleteStatement
  | ExecStatement
  | ShowStatement
  | DescribeStatement
  | ExplainStatement;

/** Variables for `{{ name }}` placeholders. */
export type Vars = Readonly<Record<string, string>>;
