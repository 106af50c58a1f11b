// One client connection after authentication: the simple and the extended query protocol over one
// engine. Each statement goes to one of three places: a session command (SET, BEGIN…), the
// catalogue (pg_catalog / information_schema, `SELECT version()`), or the engine. Every error
// becomes an ErrorResponse with a SQLSTATE mapped from hookql's code; nothing is ever answered
// with an empty result instead of an error.

import { bindParams, sqlTokens, type Access, type Engine, type ParamValue } from '../engine.js';
import { ProtocolError } from '../errors.js';
import { errorReport } from '../util/error-report.js';
import { commandAnswer, resultAnswer, rowsAnswer, type Answer } from './answers.js';
import { readsCatalog, type Catalog } from './catalog/index.js';
import { binaryCell, paramValues } from './params.js';
import { PG_TYPES, wireField } from './pg-types.js';
import type { ColumnType } from '../result.js';
import type { WireField } from './wire-writer.js';
import { sessionCommand } from './session-commands.js';
import { sqlstateOf } from './sqlstate.js';
import type { FrontendMessage } from './wire-reader.js';
import * as wire from './wire-writer.js';

export interface SessionDeps {
  readonly engine: Engine;
  readonly catalog: Catalog;
  readonly settings: Map<string, string>;
  readonly access: Access;
  /** Secret values (from the environment) scrubbed from error messages. */
  readonly secrets: readonly string[];
}

interface Prepared {
  readonly sql: string;
  readonly paramTypes: readonly number[];
  /** A read run early to describe its columns (see describeStatement); the next Bind uses it. */
  ahead: Answer | null;
  /** What Describe told the client (see describeStatement): Bind decodes, Execute answers, by it. */
  described: { readonly params: readonly number[]; readonly fields: readonly WireField[] | null } | null;
}

interface Portal {
  readonly sql: string;
  readonly params: readonly ParamValue[];
  readonly resultFormats: readonly number[];
  answer: Answer | null;
  sent: number;
  /** The columns the statement was described with, which the answer must keep. */
  readonly fields: readonly WireField[] | null;
}

export class PgSession {
  private readonly statements = new Map<string, Prepared>();
  private readonly portals = new Map<string, Portal>();
  /** After an error in the extended protocol, messages are skipped until Sync (as PostgreSQL does). */
  private failed = false;
  private transaction: 'I' | 'T' | 'E' = 'I';
  private running: AbortController | null = null;

  private readonly resourceIds: readonly string[];

  constructor(private readonly deps: SessionDeps) {
    this.resourceIds = [...deps.engine.registry.resources.keys()].map((id) => id.toLowerCase());
  }

  /** CancelRequest: abort the statement in flight, if any (its API calls are aborted with it). */
  cancel(): void {
    this.running?.abort();
  }

  async handle(message: FrontendMessage): Promise<Uint8Array[]> {
    if (message.kind === 'sync') {
      this.failed = false;
      return [wire.readyForQuery(this.transaction)];
    }
    if (message.kind === 'query') return this.simpleQuery(message.sql);
    if (this.failed) return [];
    try {
      return await this.extended(message);
    } catch (e) {
      this.failed = true;
      return [this.error(e)];
    }
  }

  private async simpleQuery(sql: string): Promise<Uint8Array[]> {
    const out: Uint8Array[] = [];
    try {
      let answered = 0;
      for await (const answer of this.answers(sql, [])) {
        answered++;
        out.push(...this.encode(answer, [], true, 0));
      }
      // Nothing but blanks, `;` or comments: PostgreSQL answers EmptyQueryResponse.
      if (answered === 0) out.push(wire.emptyQuery());
    } catch (e) {
      out.push(this.error(e));
    }
    out.push(wire.readyForQuery(this.transaction));
    return out;
  }

  private async extended(message: FrontendMessage): Promise<Uint8Array[]> {
    switch (message.kind) {
      case 'parse':
        this.statements.set(message.name, { sql: message.sql, paramTypes: message.paramTypes, ahead: null, described: null });
        return [wire.parseComplete()];
      case 'bind': {
        const prepared = this.statement(message.statement);
        const params = paramValues(message.params, message.paramFormats, prepared.described?.params ?? prepared.paramTypes);
        const answer = params.length === 0 ? prepared.ahead : null;
        prepared.ahead = null;
        this.portals.set(message.portal, { sql: prepared.sql, params, resultFormats: message.resultFormats, answer, sent: 0, fields: prepared.described?.fields ?? null });
        return [wire.bindComplete()];
      }
      case 'describe':
        return message.target === 'S' ? this.describeStatement(message.name) : this.describePortal(message.name);
      case 'execute':
        return this.execute(message.portal, message.maxRows);
      case 'close':
        if (message.target === 'S') this.statements.delete(message.name);
        else this.portals.delete(message.name);
        return [wire.closeComplete()];
      case 'flush':
      case 'terminate':
        return [];
      case 'other':
        throw new ProtocolError(`protocol message '${message.code}' is not supported by hookql serve`, '0A000', { hint: 'COPY and function calls are not available; use SELECT' });
    }
    return [];
  }

  private statement(name: string): Prepared {
    const prepared = this.statements.get(name);
    if (!prepared) throw new ProtocolError(`prepared statement "${name}" does not exist`, '26000');
    return prepared;
  }

  private portal(name: string): Portal {
    const portal = this.portals.get(name);
    if (!portal) throw new ProtocolError(`portal "${name}" does not exist`, '34000');
    return portal;
  }

  /**
   * Before Bind there are no parameter values. A read without parameters is run now and its answer
   * kept for the next Bind (asyncpg and pgx describe before they bind). One with parameters is
   * described without running: the engine gives its columns from the resource tables and the local
   * SQL (engine.describe: nothing is sent), and each `$n` the type of the column it is compared
   * with (text otherwise, or what the client typed); Bind decodes and Execute answers by that
   * description. A write is never run early and is described as NoData. Drivers that describe the
   * portal after Bind (psycopg, node-postgres, JDBC) get the real columns either way.
   */
  private async describeStatement(name: string): Promise<Uint8Array[]> {
    const prepared = this.statement(name);
    const count = Math.max(0, ...[...prepared.sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
    if (count === 0) {
      const out = [wire.parameterDescription([])];
      if (!this.onlyReads(prepared.sql)) return [...out, wire.noData()];
      prepared.ahead = await this.only(prepared.sql, []);
      return [...out, prepared.ahead.fields === null ? wire.noData() : wire.rowDescription(prepared.ahead.fields)];
    }
    const shape = this.shape(prepared.sql, count);
    const params = Array.from({ length: count }, (_, i) => prepared.paramTypes[i] || (shape.params[i] === null ? 25 : PG_TYPES[shape.params[i] as ColumnType].oid));
    prepared.described = { params, fields: shape.fields };
    return [wire.parameterDescription(params), shape.fields === null ? wire.noData() : wire.rowDescription(shape.fields)];
  }

  /** A statement's columns and parameter types, without values and without running it. */
  private shape(sql: string, count: number): { fields: readonly WireField[] | null; params: readonly (ColumnType | null)[] } {
    const none = Array<null>(count).fill(null);
    if (readsCatalog(sql, this.resourceIds)) return { fields: this.deps.catalog.query(bindParams(sql, Array<ParamValue>(count).fill('0'))).fields, params: none };
    if (sessionCommand(sql, new Map(this.deps.settings)) !== null) return { fields: null, params: none };
    const shape = this.deps.engine.describe(sql, count);
    return { fields: shape.columns === null ? null : shape.columns.map((c) => wireField(c.name, c.type)), params: shape.params };
  }

  private onlyReads(sql: string): boolean {
    if (readsCatalog(sql, this.resourceIds) || sessionCommand(sql, new Map(this.deps.settings)) !== null) return true;
    return this.deps.engine.plan(sql).every((p) => p.kind !== 'mutation');
  }

  private async describePortal(name: string): Promise<Uint8Array[]> {
    const portal = this.portal(name);
    portal.answer ??= keepShape(await this.only(portal.sql, portal.params), portal.fields);
    return [portal.answer.fields === null ? wire.noData() : wire.rowDescription(portal.answer.fields, formatsFor(portal.resultFormats, portal.answer.fields.length))];
  }

  private async execute(name: string, maxRows: number): Promise<Uint8Array[]> {
    const portal = this.portal(name);
    if (portal.sql.trim() === '') return [wire.emptyQuery()];
    portal.answer ??= keepShape(await this.only(portal.sql, portal.params), portal.fields);
    const limit = maxRows > 0 ? portal.sent + maxRows : Infinity;
    const out = this.encode(portal.answer, portal.resultFormats, false, portal.sent, limit);
    portal.sent = Math.min(limit, portal.answer.rows.length);
    return out;
  }

  /** A prepared statement holds one statement (PostgreSQL refuses several, and so does this). */
  private async only(sql: string, params: readonly ParamValue[]): Promise<Answer> {
    const answers: Answer[] = [];
    for await (const a of this.answers(sql, params)) answers.push(a);
    if (answers.length !== 1) throw new ProtocolError('cannot insert multiple commands into a prepared statement', '42601', { hint: 'prepare one statement at a time' });
    return answers[0];
  }

  /**
   * A script's session commands (`BEGIN; SELECT …; COMMIT`) are answered one by one; the statements
   * between them go together to the catalogue or the engine (which checks them whole before sending).
   */
  private async *answers(sql: string, params: readonly ParamValue[]): AsyncGenerator<Answer> {
    let pending: string[] = [];
    for (const piece of splitStatements(sql)) {
      const command = sessionCommand(piece, this.deps.settings);
      if (command === null) {
        pending.push(piece);
        continue;
      }
      if (pending.length > 0) yield* this.route(pending.join(';'), params);
      pending = [];
      this.track(command.tag);
      if (command.show) yield rowsAnswer([{ name: command.show.name, typeOid: 25, typeSize: -1 }], [[command.show.value]], 'SHOW');
      else yield commandAnswer(command.tag);
    }
    if (pending.length > 0) yield* this.route(pending.join(';'), params);
  }

  private async *route(sql: string, params: readonly ParamValue[]): AsyncGenerator<Answer> {
    if (readsCatalog(sql, this.resourceIds)) {
      const answer = this.deps.catalog.query(params.length > 0 ? bindParams(sql, params) : sql);
      yield rowsAnswer(answer.fields, answer.rows);
      return;
    }
    const controller = new AbortController();
    this.running = controller;
    try {
      for await (const result of this.deps.engine.stream(sql, { params, signal: controller.signal, access: this.deps.access })) yield resultAnswer(result);
    } finally {
      this.running = null;
    }
  }

  /** Rows [from, to) of an answer, then CommandComplete, or PortalSuspended when rows remain. */
  private encode(answer: Answer, resultFormats: readonly number[], describe: boolean, from: number, to = Infinity): Uint8Array[] {
    const out = answer.notices.length > 0 && from === 0 ? answer.notices.map(wire.notice) : [];
    const fields = answer.fields;
    if (fields !== null) {
      const formats = formatsFor(resultFormats, fields.length);
      if (describe) out.push(wire.rowDescription(fields, formats));
      for (const row of answer.rows.slice(from, to)) {
        out.push(wire.dataRow(row.map((v, i) => (v === null || formats[i] === 0 ? v : binaryCell(fields[i].typeOid, v)))));
      }
      if (to < answer.rows.length) return [...out, wire.portalSuspended()];
    }
    out.push(wire.commandComplete(answer.tag));
    return out;
  }

  private track(tag: string): void {
    if (tag === 'BEGIN' || tag === 'START TRANSACTION') this.transaction = 'T';
    else if (tag === 'COMMIT' || tag === 'ROLLBACK') this.transaction = 'I';
  }

  private error(e: unknown): Uint8Array {
    if (this.transaction === 'T') this.transaction = 'E';
    const report = errorReport(e, this.deps.secrets);
    const sqlstate = e instanceof ProtocolError ? e.sqlstate : sqlstateOf(report.code);
    return wire.errorResponse({ severity: 'ERROR', sqlstate, message: report.message, hint: report.hint ?? undefined, detail: `hookql error code: ${report.code}` });
  }
}

/** The statements of a script: split at each `;` outside literals and comments; blank ones dropped. */
function splitStatements(sql: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (const t of sqlTokens(sql)) {
    if (t.kind !== 'code') continue;
    for (let at = sql.indexOf(';', t.start); at >= 0 && at < t.end; at = sql.indexOf(';', at + 1)) {
      pieces.push(sql.slice(start, at));
      start = at + 1;
    }
  }
  pieces.push(sql.slice(start));
  return pieces.filter((p) => /\S/.test(p.replace(/--[^\n]*/g, '')));
}

/**
 * The answer in the columns its statement was described with: the client decodes (binary) cells by
 * those types. The shapes agree by construction (same SQL, same tables); a value that does not fit
 * its described type is an error, never a wrong number.
 */
function keepShape(answer: Answer, fields: readonly WireField[] | null): Answer {
  if (fields === null || answer.fields === null) return answer;
  if (fields.length !== answer.fields.length) throw new ProtocolError(`the statement returned ${answer.fields.length} columns, it was described with ${fields.length}`, 'XX000');
  fields.forEach((f, i) => {
    if (f.typeOid === answer.fields?.[i].typeOid) return;
    const bad = answer.rows.find((r) => r[i] !== null && !fits(f.typeOid, r[i] as string));
    if (bad) throw new ProtocolError(`column "${f.name}": value '${bad[i]}' does not fit the type it was described with (OID ${f.typeOid})`, '42804', { hint: 'cast the expression in the SQL (CAST(x AS TEXT))' });
  });
  return { ...answer, fields };
}

function fits(oid: number, text: string): boolean {
  if (oid === 20 || oid === 21 || oid === 23) return /^-?\d+$/.test(text);
  if (oid === 701) return Number.isFinite(Number(text));
  if (oid === 16) return text === 't' || text === 'f';
  return true;
}

/** Bind's result formats: none = all text, one = for every column, else one per column. */
function formatsFor(formats: readonly number[], n: number): number[] {
  if (formats.length === 0) return Array<number>(n).fill(0);
  if (formats.length === 1) return Array<number>(n).fill(formats[0]);
  return [...formats];
}
