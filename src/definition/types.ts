// The typed model of a resource definition (resources/<provider>/<service>/<resource>.yaml).
// Loaded and validated once (load-definitions.ts); after that the engine reads only these shapes,
// never raw YAML. Everything resource-specific — paths, params, enums, response keys, pagination,
// retry policy, constraints — lives in the YAML; the engine knows only this vocabulary.

export type ValueType = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object';

/** A column of the resource (and, for object fields, a property of one). */
export interface FieldDef {
  readonly name: string;
  readonly type: ValueType;
  readonly description: string;
  /** Name of an enum in `ResourceDefinition.enums`: for a string field, its values; for an array, its items'. */
  readonly enum: string | null;
  /** For arrays: the item type. */
  readonly items: ValueType | null;
  /** For objects: the properties, in order. */
  readonly properties: readonly FieldDef[];
  /** Inside an object: the property must be present when the object is given. */
  readonly required: boolean;
  /** Accepted on input, never returned by the API (secrets). Redacted everywhere hookql prints. */
  readonly writeOnly: boolean;
  /** Returned by the API but not accepted on input (ids, timestamps). */
  readonly readOnly: boolean;
  /** For integers and numbers: the smallest value accepted (checked before any request); null = none. */
  readonly minimum: number | null;
  /** `epoch-ms`: an integer that is a Unix time in milliseconds (shown as ISO-8601 UTC in tables). */
  readonly format?: 'epoch-ms' | null;
}

/**
 * How a param's WHERE predicate is evaluated on the local rows after the request was made:
 * - `server`:  the param picks the host (e.g. `workspace`); each row carries the value it came from.
 * - `column`:  the param is also a column with the same meaning; the predicate is re-checked locally.
 * - `any-of`:  the param is a list matched against an array column ("has any of"); re-checked locally.
 * - `request`: the param only shapes the request (page size, page token); always true locally.
 */
export type ParamLocal = 'server' | 'column' | 'any-of' | 'request';

export interface ParamDef {
  readonly name: string;
  readonly type: ValueType;
  readonly description: string;
  readonly enum: string | null;
  readonly items: ValueType | null;
  readonly local: ParamLocal;
  /** For `column` / `any-of`: the column the predicate is checked against (defaults to the param name). */
  readonly column: string | null;
  /** For integers and numbers: the smallest value accepted (checked before any request); null = none. */
  readonly minimum: number | null;
}

/** Where one method input goes on the wire. */
export interface MethodInput {
  /** A param or field name. */
  readonly name: string;
  /**
   * `query`: one query-string key; arrays become a repeated key (`?events=A&events=B`).
   * `body`:  a top-level property of the JSON body.
   * `path`:  fills the `{name}` placeholder of the method's path (URL-encoded).
   */
  readonly in: 'query' | 'body' | 'path';
  /** The name on the wire (the query key or body property); the input's own name unless `as` says otherwise. */
  readonly wireName: string;
  /**
   * A named encoding of the value, or null to send it as is:
   * - `filter-expression`: `<name>='<value>'` (single quotes doubled), the one-condition filter language
   *   of search endpoints, so `WHERE name = 'm'` can be pushed into `?filter=name='m'`.
   */
  readonly encode: 'filter-expression' | null;
}

/** Named, closed set of checks run in plan/ before any request (no expression language). */
export type Constraint =
  | { readonly kind: 'exactly-one-of'; readonly fields: readonly string[] }
  | { readonly kind: 'at-most-one-of'; readonly fields: readonly string[] }
  /** `field` (an array) may contain `value` only when `absent` is not given. */
  | { readonly kind: 'value-requires-absent'; readonly field: string; readonly value: string; readonly absent: string }
  /** An array field, when given, must not be empty. */
  | { readonly kind: 'non-empty'; readonly field: string };

export interface RetryPolicy {
  /** Total attempts including the first; 1 = never retried. */
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly retryOn: readonly number[];
  readonly retryNetworkErrors: boolean;
  /**
   * `safe`: repeat as-is (reads, PATCH with the same body, DELETE).
   * `check-then-retry`: a create; after an ambiguous failure, look for the result by natural key first.
   * `never`: side effects outside the API (deliveries); never retried.
   */
  readonly mode: 'safe' | 'check-then-retry' | 'never';
  /** A 404 on a retry after an ambiguous first attempt means the first attempt worked (deletes). */
  readonly notFoundAfterRetryIsSuccess: boolean;
}

/** Follow `responseToken` of each response into `requestToken` of the next request, until absent. */
export interface Pagination {
  readonly requestToken: string;
  readonly responseToken: string;
  /**
   * `size` rows per page through the query input `input`, unless the statement sets that input: the
   * API's maximum page where its default is smaller (registered models list 100 by default, 1,000 at
   * most), so a listing makes up to 10× fewer round trips than a client on the default.
   */
  readonly pageSize?: { readonly input: string; readonly size: number };
}

export interface MethodDef {
  readonly name: string;
  readonly description: string;
  readonly httpMethod: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly inputs: readonly MethodInput[];
  /** Params / fields that must be given (always includes the server param). */
  readonly required: readonly string[];
  /** `$.items`: where the row(s) sit in the response; null = the whole body. */
  readonly objectKey: string | null;
  /** Other accepted response shapes (older API versions), tried in order when objectKey is absent. */
  readonly alternativeKeys: readonly string[];
  readonly pagination: Pagination | null;
  readonly retry: RetryPolicy;
  readonly constraints: readonly Constraint[];
  /**
   * Inputs that the rows of the response do not repeat although they identify them (a listing scoped to
   * one parent: `?name=m&version=1` answers activities without name or version). Each row gets the value
   * the request sent, so the column can be shown and joined on. Each must be an input and a field.
   */
  readonly echoInputs: readonly string[];
  /** Past tense for summaries: "1 item updated". */
  readonly pastTense: string;
  /** HTTP status → a hint for that error from this method (e.g. a test delivery that failed). */
  readonly errorHints: Readonly<Record<string, string>>;
}

export interface SqlVerbs {
  readonly select: string | null;
  readonly insert: string | null;
  readonly update: string | null;
  readonly delete: string | null;
}

export interface Example {
  readonly title: string;
  readonly sql: string;
}

/**
 * What the server param's value names, and so where requests go:
 * - `workspace`: a workspace (`local`, a URL, a profile, a deployment name) with workspace credentials.
 * - `account`:   a Databricks account id: its cloud's accounts console (`hosts`) with account-level
 *                credentials; the value may also fill a `{param}` of the path.
 * - `local`:     nothing remote; the rows come from a reader built into hookql, named here (a closed
 *                set, like transforms), and the server param's value is that reader's argument.
 */
export type ServerDef =
  | { readonly kind: 'workspace' }
  | { readonly kind: 'account'; readonly hosts: Readonly<{ aws: string; azure?: string; gcp?: string }> }
  | { readonly kind: 'local'; readonly reader: 'databricks-config-profiles' };

export interface ResourceDefinition {
  /** `provider.service.resource` */
  readonly id: string;
  readonly provider: string;
  readonly service: string;
  readonly name: string;
  readonly title: string;
  readonly description: string;
  /** For messages: { singular: 'item', plural: 'items' }. */
  readonly noun: { readonly singular: string; readonly plural: string };
  /** The param that selects the host; required by every method (`workspace`). */
  readonly serverParam: string;
  readonly server: ServerDef;
  /** The field identifying one row (`id`). */
  readonly idField: string;
  /** Dotted field paths that identify a row without its id (apply matching, create-retry checks). */
  readonly naturalKey: readonly string[];
  /** The field holding a row's creation time (a number), or null: which of two duplicates is older. */
  readonly createdAtField: string | null;
  readonly fields: readonly FieldDef[];
  readonly params: readonly ParamDef[];
  readonly enums: Readonly<Record<string, readonly string[]>>;
  readonly methods: Readonly<Record<string, MethodDef>>;
  readonly sqlVerbs: SqlVerbs;
  /**
   * Methods SELECT may use besides `sqlVerbs.select` (YAML: `sqlVerbs.selectAlso`), e.g. a get-one
   * and a search: a statement that gives all of one's required params uses it instead of the list.
   */
  readonly selectAlso: readonly string[];
  readonly examples: readonly Example[];
  /** The YAML file it came from (for messages). */
  readonly source: string;
  /** The definition's own `version:` (hookql --version shows it); null when the file has none. */
  readonly version?: string | null;
}

export interface Registry {
  readonly resources: ReadonlyMap<string, ResourceDefinition>;
}
