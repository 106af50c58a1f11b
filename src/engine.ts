// The library API: parse → plan → execute → materialize for each statement of a script.
// Plans are plain data; this file only wires the stages together.

import type { Dispatcher } from 'undici';
import { findResource, loadRegistry, responseShapes } from './definition/index.js';
import { definitionCacheDir, hookqlHome } from './util/hookql-home.js';
import { tightenHome } from './util/private-files.js';
import { CancelledError, UnsupportedSqlError, WriteNotAllowedError } from './errors.js';
import type { Registry, ServerDef } from './definition/types.js';
import type { Executor } from './execute/types.js';
import type { LocalWorkspace } from './execute/executor-options.js';
import { checkQuery, openScratchDb, runMutation, runQuery, type ScratchDb } from './materialize/index.js';
import { prepareChecked, runChecked } from './materialize/check-sql.js';
import { fillSlots } from './materialize/fill-slots.js';
import { constantRow } from './materialize/constant-row.js';
import { describeSelect, paramTypes } from './materialize/describe-query.js';
import { checkVarsUsed, listStatement, parseScript, placeholderNames, type ListQuery } from './parse/index.js';
import { useParserCodeCache } from './parse/sql-parser.js';
import type { SelectStatement, SqlValue, Statement, Vars } from './parse/types.js';
import { bindParams, type ParamValue } from './parse/bind-params.js';
import { bindTemplate, prepareTemplate } from './parse/prepare-statement.js';
import { buildRequest, fedRequest, insertRequest, planStatement } from './plan/index.js';
import { scratchColumns } from './plan/scratch-columns.js';
import type { ResourceDefinition } from './definition/types.js';
import type { ResultColumn } from './result.js';
import { scanSqlOpen, type Token } from './parse/scan-sql.js';
import type { ApiRequest, MutationPlan, Plan, QueryPlan, ScanPlan } from './plan/types.js';
import { explainRows, writeOnlyNames } from './explain.js';
import { scrubError } from './execute/scrub-secrets.js';
import { collectSecrets, secretSpellings } from './util/redact.js';
import type { Progress, StatementResult } from './result.js';
import type { FetchProgress } from './materialize/fetch-scans.js';

export interface EngineOptions {
  /** Where credentials (DATABRICKS_*), HOOKQL_HOME and DATABRICKS_CONFIG_FILE are read from. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** $HOOKQL_HOME (default ~/.hookql): the local workspace's state lives here. */
  readonly homeDir?: string;
  /** Extra folders of resource definitions (tests add fixtures). */
  readonly resourceDirs?: readonly string[];
  /** Requests in flight at once for fan-out and multi-row writes (default 8). */
  readonly concurrency?: number;
  /** Requests in flight at once to one workspace (default 4). */
  readonly perHostConcurrency?: number;
  /** Overall deadline per statement in ms (default 120 s). */
  readonly deadlineMs?: number;
  readonly dispatcher?: Dispatcher;
  readonly debug?: (line: string) => void;
  readonly onProgress?: (progress: Progress) => void;
  readonly startLocal?: () => Promise<LocalWorkspace>;
}

export interface RunOptions {
  readonly vars?: Vars;
  /** Aborting cancels in-flight requests; the statement rejects with CancelledError. */
  readonly signal?: AbortSignal;
  /** Used when a statement leaves the workspace out (the shell's `.workspace`). */
  readonly defaultWorkspace?: string;
  /** Every var must fill a placeholder of the script, or it is refused as a likely typo
   * (`hookql exec --var`; the shell's `.set` variables outlive one statement, so not there). */
  readonly strictVars?: boolean;
  /**
   * A query over several workspaces returns the rows of those that answered, with the others in
   * `StatementResult.failures`, instead of failing whole (WORKSPACES_FAILED).
   */
  readonly partial?: boolean;
  /** Values of `$1`, `$2`… (the PostgreSQL extended protocol's parameters), bound as literals. */
  readonly params?: readonly ParamValue[];
  /** What the script may do; checked on the plans, before any request (default: everything). */
  readonly access?: Access;
}

export interface StatementShape {
  readonly columns: readonly ResultColumn[] | null;
  /** Per `$n`: the type of what it is compared with (null: unknown, text will do). */
  readonly params: readonly (ResultColumn['type'] | null)[];
}

export interface Access {
  /** `read`: no writes at all; `no-delete`: writes but no method that deletes; `all`. */
  readonly allow: 'read' | 'no-delete' | 'all';
  /** How the user gets more (`restart hookql serve with --allow-writes`). */
  readonly hint: string;
}

export interface Engine {
  readonly registry: Registry;
  /** Runs every statement of the script in order; stops at the first failure (it rejects). */
  run(sql: string, options?: RunOptions): Promise<StatementResult[]>;
  /** The same, yielding each result as soon as its statement finishes. */
  stream(sql: string, options?: RunOptions): AsyncGenerator<StatementResult>;
  /** Parses and plans without sending anything (what EXPLAIN shows). */
  plan(sql: string, options?: RunOptions): Plan[];
  /**
   * The result columns of ONE statement whose `$1…$n` have no values yet, sending nothing (what a
   * driver's Describe of a prepared statement needs), and the type each `$n` is used as. `columns`
   * is null for a statement that is not a SELECT (its shape is only known once it runs).
   */
  describe(sql: string, paramCount: number): StatementShape;
  /** One statement with `$n` parameters, parsed once for many runs (see PreparedStatement). */
  prepare(sql: string): PreparedStatement;
  /**
   * `SELECT <columns | *> FROM <resource> WHERE <param> IN (<values>)`, planned, checked and sent
   * exactly as `run` does that text, but built without parsing it (parse/list-statement.ts): how
   * apply reads the live state of a manifest's workspaces.
   */
  list(query: ListQuery, options?: RunOptions): Promise<StatementResult>;
  close(): Promise<void>;
}

/**
 * `run(params)` does what `engine.run(sql, { params })` does, without parsing the statement again
 * when only its values differ (an INSERT of literals; parse/prepare-statement.ts). Results and errors
 * are the same, except that a result's `statement` is the template: values never enter its text.
 */
export interface PreparedStatement {
  run(params: readonly ParamValue[], options?: Omit<RunOptions, 'params'>): Promise<StatementResult[]>;
  /** What `run` would send, sending nothing (what engine.plan gives for the bound text). */
  plan(params: readonly ParamValue[], options?: Omit<RunOptions, 'params'>): Plan[];
}

export function createEngine(options: EngineOptions = {}): Engine {
  const env = options.env ?? process.env;
  const homeDir = options.homeDir ?? hookqlHome(env);
  // Tightened at every start: an existing home made 0755 by an older hookql (or by hand) holds secrets.
  tightenHome(homeDir);
  const concurrency = options.concurrency ?? 8;
  // Validated definitions are cached under $HOOKQL_HOME, so start-up skips YAML and zod (definition/).
  const registry = loadRegistry(options.resourceDirs ?? [], { cacheDir: definitionCacheDir(homeDir) });
  useParserCodeCache(definitionCacheDir(homeDir));
  let executor: Promise<Executor> | null = null;
  let db: ScratchDb | null = null;
  const scratch = () => (db ??= openScratchDb());
  const secretKeys = writeOnlyNames(registry);
  const getExecutor = () =>
    (executor ??= import('./execute/index.js').then((m) => {
      const ex = m.createExecutor({ env, homeDir, concurrency, perHostConcurrency: options.perHostConcurrency, deadlineMs: options.deadlineMs, dispatcher: options.dispatcher, debug: options.debug, startLocal: options.startLocal, shapeOf: responseShapes(registry) });
      ready = ex;
      return ex;
    }));
  // The executor once made, and the targets it has resolved: a statement after the first (apply's
  // thousand creates) needs no await for either (bench B4). Both forgotten on close.
  let ready: Executor | null = null;
  const resolved = new Set<string>();

  const fallbackWorkspace = envDefaultWorkspace(env);
  const planOne = (stmt: Statement, run: RunOptions): Plan =>
    planStatement(stmt, registry, { defaultWorkspace: run.defaultWorkspace ?? fallbackWorkspace, concurrency, evaluate: (s) => evaluate(scratch(), s) });

  async function runOne(stmt: Statement, plan: Plan, run: RunOptions): Promise<StatementResult> {
    const started = performance.now();
    const ex = plan.kind === 'query' || plan.kind === 'mutation' ? (ready ?? (await getExecutor())) : null;
    // Starting the executor (and the local workspace) takes a moment; a Ctrl-C meanwhile counts.
    if (run.signal?.aborted) throw new CancelledError('the statement was cancelled before any request was sent');
    const before = ex ? { ...ex.stats } : { requests: 0, retries: 0, pages: 0 };
    const body = await execute(plan, ex, run);
    const after = ex ? ex.stats : before;
    return {
      statement: stmt.text,
      ...body,
      stats: {
        requests: after.requests - before.requests,
        retries: after.retries - before.retries,
        pages: after.pages - before.pages,
        fetched: body.fetched,
        elapsedMs: performance.now() - started,
      },
    };
  }

  async function execute(plan: Plan, ex: Executor | null, run: RunOptions) {
    switch (plan.kind) {
      case 'meta':
        return { columns: [...plan.columns].map((c) => ({ name: c.name, type: c.type })), rows: plan.rows.map((r) => r.map((v) => (typeof v === 'boolean' ? String(v) : v))), summary: null, fetched: 0 };
      case 'explain':
        return { ...explainRows(plan.plan, registry, plan.format ?? 'json'), summary: null, fetched: 0 };
      case 'query': {
        const noun = plan.scans.length > 0 ? findResource(registry, plan.scans[0].resource).noun.plural : 'rows';
        const workspaces = new Set(workspacesOf(plan, registry).map((t) => t.workspace)).size;
        // Per-value requests (a JOIN feeding a param) are counted too: their number is learnt as feeds run.
        const counted = plan.scans.some((s) => s.dependent !== null);
        const onProgress =
          options.onProgress &&
          ((p: FetchProgress) =>
            options.onProgress?.({
              fetched: p.fetched,
              workspaces,
              noun,
              done: p.done,
              failed: p.failed,
              inFlight: p.inFlight,
              ...(counted ? { calls: { done: p.done + p.failed, total: p.total } } : {}),
            }));
        const rows = await runQuery(plan, { db: scratch(), executor: ex as Executor, concurrency, signal: run.signal, onProgress, partial: run.partial, fedRequest: scanRequest, deadlineMs: options.deadlineMs });
        return { ...rows, summary: null };
      }
      case 'mutation':
        return runMutation(plan, { db: scratch(), executor: ex as Executor, concurrency, signal: run.signal, toRequest: rowRequest(plan, run), toUpdate: updateRequest(plan), fedRequest: scanRequest, deadlineMs: options.deadlineMs });
    }
  }

  /** The local SQL of a plan (a query, or the query that finds a write's rows), prepared but not run. */
  function checkSql(plan: Plan): void {
    if (plan.kind === 'query') checkQuery(scratch(), plan);
    if (plan.kind === 'mutation' && plan.source !== null) checkQuery(scratch(), plan.source.query);
  }

  /** A write the access mode does not allow fails here, before anything is sent. */
  function checkAccess(plan: Plan, access: Access | undefined): void {
    if (plan.kind !== 'mutation' || access === undefined || access.allow === 'all') return;
    const deletes = findResource(registry, plan.resource).methods[plan.method].httpMethod === 'DELETE';
    if (access.allow === 'no-delete' && !deletes) return;
    const what = access.allow === 'read' ? 'this session is read-only' : 'this session may not delete';
    throw new WriteNotAllowedError(`${what}: ${plan.method} on ${plan.resource} was refused, nothing was sent`, { hint: access.hint });
  }

  /** Resolves (URL, profile, credentials) every workspace the plans send to, sending nothing. */
  async function resolveWorkspaces(plans: readonly Plan[]): Promise<void> {
    const targets = new Map(plans.flatMap((p) => workspacesOf(p, registry)).map((r) => [`${r.server?.kind ?? 'workspace'}\n${r.workspace}`, r]));
    if (targets.size === 0) return;
    if ([...targets.keys()].every((key) => resolved.has(key))) return;
    const ex = await getExecutor();
    for (const [key, r] of targets) {
      await ex.resolve(r.workspace, r.server);
      resolved.add(key);
    }
  }

  /** A dependent scan's request for one combination of fed values (converted like literals). */
  function scanRequest(scan: ScanPlan, workspace: string | null, fed: Readonly<Record<string, SqlValue>>): ApiRequest {
    return fedRequest(findResource(registry, scan.resource), scan.dependent as NonNullable<ScanPlan['dependent']>, workspace, fed);
  }

  /** Turns one row of a mutation's row source into its request (validated like literal rows). */
  function rowRequest(plan: MutationPlan, run: RunOptions) {
    const def = findResource(registry, plan.resource);
    const method = def.methods[plan.method];
    return (byName: Readonly<Record<string, unknown>>, positional: readonly unknown[]): ApiRequest => {
      if (plan.source?.mapping === 'positional') return insertRequest(def, method, plan.source.columns, positional, run.defaultWorkspace ?? fallbackWorkspace);
      const { [def.serverParam]: workspace, ...values } = byName;
      return buildRequest(def, method, String(workspace), values, (n) => `add ${n}`, plan.method);
    };
  }

  /** ON CONFLICT DO UPDATE: the update of one live row, with only the inputs that differ. */
  function updateRequest(plan: MutationPlan) {
    const def = findResource(registry, plan.resource);
    const name = plan.conflict?.updateMethod;
    if (name === null || name === undefined) return undefined;
    return (workspace: string, id: string, values: Readonly<Record<string, unknown>>): ApiRequest =>
      buildRequest(def, def.methods[name], workspace, { ...values, [def.idField]: id }, (n) => `add ${n} to DO UPDATE SET`, 'ON CONFLICT DO UPDATE');
  }

  async function* stream(sql: string, run: RunOptions = {}): AsyncGenerator<StatementResult> {
    // A script is planned, its SQL checked and its workspaces resolved whole before its first
    // request: a mistake in its last statement, or one unusable workspace of an IN list, fails
    // (exit 2) before anything has been sent or changed. Found by the fuzz suite.
    if (run.strictVars) checkVarsUsed(Object.keys(run.vars ?? {}), placeholderNames(sql), 'the SQL');
    yield* runPlanned(parseScript(bound(sql, run), run.vars ?? {}).map((stmt) => ({ stmt, plan: planOne(stmt, run) })), run);
  }

  async function* runPlanned(planned: readonly { readonly stmt: Statement; readonly plan: Plan }[], run: RunOptions): AsyncGenerator<StatementResult> {
    await beforeFirstRequest(planned, run);
    for (const { stmt, plan } of planned) yield await runScrubbed(stmt, plan, run);
  }

  async function beforeFirstRequest(planned: readonly { readonly plan: Plan }[], run: RunOptions): Promise<void> {
    for (const { plan } of planned) checkAccess(plan, run.access);
    for (const { plan } of planned) checkSql(plan);
    await resolveWorkspaces(planned.map(({ plan }) => plan));
  }

  async function runScrubbed(stmt: Statement, plan: Plan, run: RunOptions): Promise<StatementResult> {
    try {
      return await runOne(stmt, plan, run);
    } catch (e) {
      // A server may echo what it was sent; the statement's write-only values never reach a message.
      throw scrubError(e, new Set([...collectSecrets(plan, secretKeys)].flatMap(secretSpellings)));
    }
  }

  /** One statement: what runPlanned does, without an async generator per run (bench B4). */
  async function runParsed(stmt: Statement, run: RunOptions): Promise<StatementResult> {
    // A value the plan refuses rejects the run before anything is sent, as in stream.
    const plan = planOne(stmt, run);
    await beforeFirstRequest([{ plan }], run);
    return runScrubbed(stmt, plan, run);
  }

  const collect = async (results: AsyncGenerator<StatementResult>) => {
    const all: StatementResult[] = [];
    for await (const r of results) all.push(r);
    return all;
  };
  const planScript = (sql: string, run: RunOptions = {}) => {
    if (run.strictVars) checkVarsUsed(Object.keys(run.vars ?? {}), placeholderNames(sql), 'the SQL');
    return parseScript(bound(sql, run), run.vars ?? {}).map((s) => planOne(s, run));
  };

  return {
    registry,
    stream,
    run: (sql, run = {}) => collect(stream(sql, run)),
    plan: planScript,
    prepare(sql) {
      const template = prepareTemplate(sql);
      // Vars fill `{{ … }}` text and are checked against it: those runs take the bound-text path.
      const bind = (params: readonly ParamValue[], run: RunOptions) => (run.vars === undefined && run.strictVars !== true ? bindTemplate(template, params) : null);
      return {
        plan(params, run = {}) {
          const stmt = bind(params, run);
          return stmt === null ? planScript(sql, { ...run, params }) : [planOne(stmt, run)];
        },
        run(params, run = {}) {
          const stmt = bind(params, run);
          if (stmt === null) return collect(stream(sql, { ...run, params }));
          return runParsed(stmt, run).then((result) => [result]);
        },
      };
    },
    list: (query, run = {}) => runParsed(listStatement(query), run),
    describe(sql, paramCount) {
      // Any value will do for the shape; '0' parses everywhere a $n may stand (LIMIT $1 included).
      const statements = parseScript(bindParams(sql, Array<ParamValue>(paramCount).fill('0')), {});
      if (statements.length !== 1) throw new UnsupportedSqlError('a prepared statement holds one statement', { hint: 'prepare one statement at a time' });
      const [stmt] = statements;
      if (stmt.kind !== 'select') return { columns: null, params: Array(paramCount).fill(null) };
      const columnsOf = (resource: string) => scratchColumns(findResource(registry, resource));
      const all = stmt.scans.flatMap((s) => columnsOf(s.resource));
      return { columns: describeSelect(scratch(), stmt, columnsOf), params: paramTypes(sql, paramCount, all) };
    },
    async close() {
      const ex = executor;
      executor = null;
      ready = null;
      resolved.clear();
      db?.close();
      db = null;
      if (ex) await (await ex).close();
    },
  };
}

function bound(sql: string, run: RunOptions): string {
  return run.params === undefined ? sql : bindParams(sql, run.params);
}

/** Where a plan sends requests (a write's row source reads from the same ones), with what the server param names. */
interface Target {
  readonly workspace: string;
  readonly server?: ServerDef;
}

function workspacesOf(plan: Plan, registry: Registry): Target[] {
  // A dependent scan's own workspaces are known now; fed ones only once its feeds have run.
  const ofQuery = (q: QueryPlan) =>
    q.scans.flatMap((s): Target[] => {
      const { server } = findResource(registry, s.resource);
      const own = (s.dependent?.workspaces ?? []).map((workspace) => (server.kind === 'workspace' ? { workspace } : { workspace, server }));
      return [...s.requests, ...own];
    });
  switch (plan.kind) {
    case 'query':
      return ofQuery(plan);
    case 'mutation':
      return [...plan.requests, ...(plan.source === null ? [] : ofQuery(plan.source.query))];
    default:
      return [];
  }
}

/**
 * Prepared SELECTs of literals by their SQL. Literals are bound parameters, so statements that differ
 * only in values (apply's thousand INSERT … SELECTs) prepare once; these read no table, so a cached
 * statement stays valid whatever the scratch tables do. Bounded: a script rarely has many shapes.
 */
const EVALUATED_MAX = 64;
const evaluatedByDb = new WeakMap<ScratchDb, Map<string, ReturnType<ScratchDb['prepare']>>>();

/** A SELECT that reads no resource (VALUES, constants): run directly on SQLite. */
function evaluate(db: ScratchDb, select: SelectStatement): SqlValue[][] {
  const constant = select.scans.length === 0 ? constantRow(select.sql, select.bindings) : null;
  if (constant !== null) return [constant];
  const plan = { kind: 'query' as const, text: select.text, scans: [], sql: select.sql, bindings: select.bindings };
  const filled = fillSlots(plan);
  let cache = evaluatedByDb.get(db);
  if (cache === undefined) evaluatedByDb.set(db, (cache = new Map()));
  let statement = cache.get(filled.sql);
  if (statement === undefined) {
    statement = prepareChecked(db, filled.sql, plan);
    if (cache.size >= EVALUATED_MAX) cache.delete(cache.keys().next().value as string);
    cache.set(filled.sql, statement);
  }
  return runChecked(() => statement.raw(true).all(filled.bindings) as SqlValue[][]);
}

/** The columns of a resource's table as a query sees them (every field, plus the server param). */
export function resourceColumns(def: ResourceDefinition): ResultColumn[] {
  return scratchColumns(def).map((c) => ({ name: c.name, type: c.type }));
}

/** `$1`… bound as literals (what RunOptions.params does), for SQL that does not go to the engine. */
export { bindParams, type ParamValue };

/** SQL text as code / '…' string / "…" identifier / comment tokens: the lexer every stage uses. */
export function sqlTokens(text: string): readonly Token[] {
  return scanSqlOpen(text).tokens;
}

/**
 * One local workspace for many engines (a server's connections): started on first use, closed
 * once by the owner, so connections do not each start an emulator on the same state file.
 */
export function sharedLocalWorkspace(homeDir: string): { readonly startLocal: () => Promise<LocalWorkspace>; close(): Promise<void> } {
  let started: Promise<LocalWorkspace> | null = null;
  return {
    startLocal: async () => {
      started ??= import('./execute/default-start-local.js').then((m) => m.defaultStartLocal(homeDir));
      const local = await started;
      return { ...local, close: async () => {} };
    },
    async close() {
      const local = started;
      started = null;
      if (local) await (await local).close();
    },
  };
}

export interface ManifestPlanOptions {
  /** Named in messages (`file:line:column`). */
  readonly file: string;
  readonly vars?: Readonly<Record<string, string>>;
  /** Where `{{ env.NAME }}` values come from. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly prune?: 'off' | 'workspaces' | 'models';
  readonly allowLiteralSecrets?: boolean;
}

/**
 * What `hookql plan` computes for a manifest's text, as the JSON document `plan -o json` prints
 * (secrets redacted), plus the secret values it holds so the caller can scrub them from errors.
 */
export async function planManifestText(engine: Engine, text: string, options: ManifestPlanOptions): Promise<{ readonly document: Record<string, unknown>; readonly secrets: readonly string[] }> {
  const { apply, planned } = await planText(engine, text, options);
  return { document: apply.planDocument(planned.def, planned.plan, planned.manifest.secrets), secrets: planned.manifest.secrets };
}

/**
 * What `hookql apply` does for a manifest's text: plan, then run the changes. The document is the
 * plan's, with the summary (counts and failures) added; `failed` > 0 when a change failed.
 */
export async function applyManifestText(
  engine: Engine,
  text: string,
  options: ManifestPlanOptions & { readonly concurrency?: number; readonly signal?: AbortSignal },
): Promise<{ readonly document: Record<string, unknown>; readonly secrets: readonly string[]; readonly failed: number }> {
  const { apply, planned } = await planText(engine, text, options);
  const { def, plan, manifest } = planned;
  const statements = plan.changes.filter(apply.isApplicable).map((c) => apply.statementFor(def, c));
  const outcomes = await apply.runChanges(engine, def, statements, { concurrency: options.concurrency ?? 8, signal: options.signal });
  const summary = apply.summarize(plan, outcomes);
  return { document: { ...apply.planDocument(def, plan, manifest.secrets), summary }, secrets: manifest.secrets, failed: summary.failed };
}

async function planText(engine: Engine, text: string, options: ManifestPlanOptions) {
  const apply = await import('./apply/index.js');
  const loaded = apply.loadManifest(text, options.file, engine.registry, { vars: { ...options.vars }, env: { ...options.env }, allowLiteralSecrets: options.allowLiteralSecrets ?? false });
  const planned = await apply.planManifest(loaded, engine, { prune: options.prune ?? 'off', rotateSecrets: false });
  return { apply, planned };
}

/**
 * The workspace of a statement that names none, as the SDKs pick their host: DATABRICKS_HOST, else
 * the profile DATABRICKS_CONFIG_PROFILE selects; undefined leaves the statement to name one.
 */
function envDefaultWorkspace(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const raw = env.DATABRICKS_HOST?.trim();
  const host = raw && (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
  // An accounts console is no workspace: with it in DATABRICKS_HOST (an account client's settings),
  // a statement must still name its workspace.
  if (host && !/^https:\/\/accounts(-dod)?\./i.test(host)) return host;
  if (host) return undefined;
  return env.DATABRICKS_CONFIG_PROFILE?.trim() || undefined;
}

/** One-shot convenience: run a script with a fresh engine and close it. */
export async function query(sql: string, options: EngineOptions & RunOptions = {}): Promise<StatementResult[]> {
  const engine = createEngine(options);
  try {
    return await engine.run(sql, options);
  } finally {
    await engine.close();
  }
}
