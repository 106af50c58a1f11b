// What plan/ hands to execute/ and materialize/: plain, immutable data. EXPLAIN prints it as is
// (after redacting write-only values), so everything a run will do must be visible here.

import type { Pagination, RetryPolicy, ServerDef } from '../definition/types.js';
import type { SqlValue } from '../parse/types.js';

/** One HTTP call, fully resolved except for the host (the workspace is resolved by execute/). */
export interface ApiRequest {
  readonly kind: 'api-request';
  readonly resource: string;
  /** Definition method name: `list`, `create`, … */
  readonly method: string;
  /** The workspace as the user wrote it (`local`, `prod`, a URL). */
  readonly workspace: string;
  readonly httpMethod: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  readonly path: string;
  /** Query pairs in order; array params appear as repeated keys. */
  readonly query: readonly (readonly [string, string])[];
  readonly body: Readonly<Record<string, unknown>> | null;
  /** Follow `responseToken` → `requestToken` until absent (the page size is added when the request is sent: see paginate.ts). */
  readonly pagination: Pagination | null;
  /** `$.items`: where the row(s) are in the response; null = the whole body. */
  readonly objectKey: string | null;
  readonly alternativeKeys: readonly string[];
  /** Values the rows do not carry but are given, per the method's `echoInputs` (absent when none). */
  readonly echo?: Readonly<Record<string, unknown>>;
  readonly retry: RetryPolicy;
  /** The method's own hints by HTTP status (the definition's `errorHints`). */
  readonly errorHints?: Readonly<Record<string, string>>;
  /**
   * For `check-then-retry` creates: how to find out whether an ambiguous attempt created the row.
   * A list request plus the natural-key values the created row must match.
   */
  readonly existenceCheck: ExistenceCheck | null;
  /** Absent: `workspace` names a workspace. Otherwise an account id or a local reader's argument. */
  readonly server?: ServerDef;
}

export interface ExistenceCheck {
  readonly list: ApiRequest;
  /** Dotted path → expected value (undefined/absent = must be absent). */
  readonly key: Readonly<Record<string, unknown>>;
  /** The id field, to exclude rows that existed before the first attempt. */
  readonly idField: string;
}

/** How a WHERE predicate slot is filled in the local SQL. */
export type LocalCheck =
  | { readonly kind: 'true' }
  | { readonly kind: 'equals'; readonly column: string; readonly values: readonly SqlValue[] }
  | { readonly kind: 'any-of'; readonly column: string; readonly values: readonly SqlValue[] }
  /**
   * `column IN (SELECT …)`: the subquery's SQLite SQL (its own slots still in place) is evaluated
   * locally on the scratch tables; `any-of` for array columns ("has any of the subquery's values").
   */
  | { readonly kind: 'in-select'; readonly column: string; readonly sql: string; readonly match: 'equals' | 'any-of' };

export interface ScratchColumn {
  readonly name: string;
  /** `json`: stored as JSON text (arrays/objects); shown as JSON values in json output. */
  readonly type: 'text' | 'integer' | 'real' | 'boolean' | 'json' | 'epoch-ms';
  /** Where the value comes from: a field of the row, or the request's server param. */
  readonly source: 'field' | 'server';
}

/** One resource occurrence: the requests that fill its scratch table. */
export interface ScanPlan {
  readonly table: string;
  /** How columns of this scan are qualified in its block: its alias, else its table name. */
  readonly qualifier: string;
  readonly resource: string;
  readonly columns: readonly ScratchColumn[];
  /**
   * The column names the statement refers to for this scan (best effort), or null for all (`*`).
   * materialize/ stores only these when it can: fewer cells to convert and insert.
   */
  readonly referenced: readonly string[] | null;
  /** One request per fan-out value (one per workspace, …); results unioned. Empty when `dependent`. */
  readonly requests: readonly ApiRequest[];
  readonly slots: Readonly<Record<string, LocalCheck>>;
  /** When required inputs come from other scans' rows, how; its requests are then made at run time. */
  readonly dependent: DependentScan | null;
}

/**
 * A scan whose requests wait for other scans: one request per combination of the values its feeds
 * yield (a row of each feed) and of its own workspaces, all with its own `values`; none when a feed
 * yields no row.
 */
export interface DependentScan {
  /** The definition method every request calls (the resource's SELECT method). */
  readonly method: string;
  /** The workspaces the statement names for this scan, or null when the server param is fed. */
  readonly workspaces: readonly string[] | null;
  /** Inputs the statement gives itself, converted: shared by every request. */
  readonly values: Readonly<Record<string, unknown>>;
  readonly feeds: readonly FeedPlan[];
}

/** Where some inputs of a dependent scan come from. */
export interface FeedPlan {
  /** `join`: columns of another scan's rows (`v.name = m.name`); `subquery`: `name IN (SELECT …)`. */
  readonly kind: 'join' | 'subquery';
  /** The inputs fed (the server param too, when fed), in the order of `sql`'s result columns. */
  readonly inputs: readonly string[];
  /** The scan tables whose rows must be fetched before `sql` can run. */
  readonly after: readonly string[];
  /** As the statement says it (for EXPLAIN and messages): `v.name = m.name`. */
  readonly via: string;
  /** SQLite SQL over those scans' scratch tables (predicate slots in place): one row per distinct tuple. */
  readonly sql: string;
}

export interface QueryPlan {
  readonly kind: 'query';
  readonly text: string;
  readonly scans: readonly ScanPlan[];
  /** Final SQLite SQL (predicate slots still in place: materialize/ fills them). */
  readonly sql: string;
  readonly bindings: Readonly<Record<string, SqlValue>>;
}

/** What a write returns to the user. */
export type ReturningPlan =
  | { readonly kind: 'none' }
  /** `RETURNING <object key>`: one JSON column named `as`, holding the object. */
  | { readonly kind: 'object'; readonly as: string }
  | { readonly kind: 'columns'; readonly columns: readonly ScratchColumn[] }
  /** EXEC of a method that returns something other than rows: the response's top-level keys. */
  | { readonly kind: 'response' };

/** A write whose requests are known at plan time (ids given, or INSERT of literal rows). */
export interface MutationPlan {
  readonly kind: 'mutation';
  readonly text: string;
  readonly resource: string;
  readonly method: string;
  /** Noun and past tense for the summary line: "2 items created". */
  readonly summary: { readonly singular: string; readonly plural: string; readonly pastTense: string };
  /** The id input of the method's requests, to name a failed one ("update on prod (id abc)"). */
  readonly idField: string;
  /**
   * Either the requests themselves, or (INSERT … SELECT over a resource, UPDATE/DELETE with a WHERE
   * that must find its rows) a query whose rows are turned into requests at run time.
   */
  readonly requests: readonly ApiRequest[];
  readonly source: RowSourcePlan | null;
  /** INSERT … ON CONFLICT: the creates are first matched against live rows by natural key. */
  readonly conflict: ConflictPlan | null;
  readonly returning: ReturningPlan;
  readonly concurrency: number;
}

/**
 * `ON CONFLICT DO NOTHING | DO UPDATE SET …`. The API has no upsert, so each workspace is listed
 * once, each create's natural key is looked up among the live rows, and a row that exists is
 * skipped (nothing) or patched with only the fields that differ (update).
 */
export interface ConflictPlan {
  readonly action: 'nothing' | 'update';
  /** The natural key's dotted paths (from the definition), the server param left out. */
  readonly key: readonly string[];
  /** One listing per workspace the rows go to. */
  readonly lists: readonly ApiRequest[];
  /** Per create request (same order): its key values, and what DO UPDATE SET would write. */
  readonly rows: readonly ConflictRow[];
  /** The update method (DO UPDATE) and its id input. */
  readonly updateMethod: string | null;
  readonly idField: string;
  /** Dotted paths of write-only values: never read back, so never compared. */
  readonly writeOnly: readonly string[];
}

export interface ConflictRow {
  readonly key: Readonly<Record<string, unknown>>;
  readonly set: Readonly<Record<string, unknown>>;
}

/** Rows computed at run time (a query over a resource) and turned into one request each. */
export interface RowSourcePlan {
  readonly query: QueryPlan;
  /**
   * `positional`: result column i feeds input `columns[i]` (INSERT … SELECT).
   * `by-name`: the inputs named in `columns` are taken from the result columns of the same name
   * (UPDATE / DELETE that find their rows: the server param and the id).
   */
  readonly mapping: 'positional' | 'by-name';
  readonly columns: readonly string[];
  /** Inputs fixed by the statement itself (the SET list), already converted to API values. */
  readonly constants: Readonly<Record<string, unknown>>;
  /** The request each row found becomes (EXPLAIN shows it next to the listing). */
  readonly perRow: PerRowWrite;
}

export interface PerRowWrite {
  readonly method: string;
  readonly httpMethod: ApiRequest['httpMethod'];
  readonly path: string;
  /** Inputs taken from each row found. */
  readonly fromRow: readonly string[];
  readonly constants: Readonly<Record<string, unknown>>;
}

export interface MetaPlan {
  readonly kind: 'meta';
  readonly text: string;
  /** A result computed from the definitions alone (SHOW, DESCRIBE). */
  readonly columns: readonly ScratchColumn[];
  readonly rows: readonly (readonly SqlValue[])[];
}

export interface ExplainPlan {
  readonly kind: 'explain';
  readonly text: string;
  readonly plan: Exclude<Plan, ExplainPlan>;
  /** `tree` (EXPLAIN) or `json` (EXPLAIN (FORMAT JSON)). */
  readonly format?: 'tree' | 'json';
}

export type Plan = QueryPlan | MutationPlan | MetaPlan | ExplainPlan;
