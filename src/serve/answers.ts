// One statement's answer as the wire needs it: field descriptions, rows in text format, and the
// CommandComplete tag. Built from an engine result, a catalogue answer or a session command.

import type { StatementResult } from '../result.js';
import { typedColumns } from '../util/result-values.js';
import { pgText, wireField } from './pg-types.js';
import type { WireField } from './wire-writer.js';

export interface Answer {
  /** null: the statement returns no rows (a write without RETURNING, SET). */
  readonly fields: readonly WireField[] | null;
  readonly rows: readonly (readonly (string | null)[])[];
  readonly tag: string;
  /** Sent as NoticeResponse before the rows (write summaries). */
  readonly notices: readonly string[];
}

export function resultAnswer(result: StatementResult): Answer {
  const verb = firstWord(result.statement);
  const notices = result.summary === null ? [] : [result.summary];
  if (result.columns.length === 0) return { fields: null, rows: [], tag: tagFor(verb, affected(result.summary)), notices };
  const columns = typedColumns(result);
  return {
    fields: columns.map((c) => wireField(c.name, c.type)),
    rows: result.rows.map((r) => r.map((v, i) => pgText(columns[i].type, v))),
    tag: tagFor(verb, result.rows.length),
    notices,
  };
}

/** The summary says how many items a write changed ("2 items created"); it leads with the count. */
function affected(summary: string | null): number {
  const m = summary === null ? null : /^(\d+)\b/.exec(summary);
  return m ? Number(m[1]) : 0;
}

function tagFor(verb: string, n: number): string {
  switch (verb) {
    case 'INSERT':
      return `INSERT 0 ${n}`;
    case 'UPDATE':
    case 'DELETE':
      return `${verb} ${n}`;
    case 'EXEC':
      return `EXEC ${n}`;
    default:
      return `SELECT ${n}`;
  }
}

function firstWord(sql: string): string {
  const code = sql.replace(/^\s*(?:(?:--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)\s*)*/, '');
  return (/^[A-Za-z]+/.exec(code)?.[0] ?? '').toUpperCase();
}

export function rowsAnswer(fields: readonly WireField[], rows: readonly (readonly (string | null)[])[], tag = `SELECT ${rows.length}`): Answer {
  return { fields, rows, tag, notices: [] };
}

export function commandAnswer(tag: string): Answer {
  return { fields: null, rows: [], tag, notices: [] };
}
