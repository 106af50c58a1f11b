// A statement with `$n` parameters parsed once and bound many times (engine.prepare). Parsing is
// most of a write's local cost, and statements that differ only in their values (apply's thousand
// creates) need not pay it each time.
//
// The template is parsed with each `$n` bound as a unique marker string. The parse lifts every '…'
// literal into a SQLite binding, so a parameter that stands for a value ends up as exactly one
// binding holding its marker; binding then swaps markers for values, which is what parsing the
// bound text (bindParams) would give. That holds only where the parse never looks at the value, so
// the shortcut is taken only for an INSERT whose rows are a SELECT/VALUES of literals (no resource
// read, no ON CONFLICT) and whose markers all sit, whole, in those rows' bindings; any other
// statement, and any non-text value, is parsed afresh from the bound text each time.

import { bindParams, type ParamValue } from './bind-params.js';
import { parseStatement } from './index.js';
import type { InsertStatement, SqlValue, Statement } from './types.js';

export interface PreparedTemplate {
  readonly sql: string;
  /** The statement parsed with markers, or null when it must be parsed per binding. */
  readonly parsed: InsertStatement | null;
  /** Binding name → parameter index (0-based), for the markers in `parsed`. */
  readonly slots: ReadonlyMap<string, number>;
}

const PARAM = /\$(\d+)/g;

export function prepareTemplate(sql: string): PreparedTemplate {
  const none: PreparedTemplate = { sql, parsed: null, slots: new Map() };
  const count = Math.max(0, ...[...sql.matchAll(PARAM)].map((m) => Number(m[1])));
  // After LIMIT/OFFSET bindParams writes a number, not a text: not a plain value slot.
  if (count === 0 || /\b(?:LIMIT|OFFSET)\b/i.test(sql)) return none;
  const tag = `__hookql_param_${Math.random().toString(36).slice(2)}_`;
  const markers = Array.from({ length: count }, (_, i) => `${tag}${i}__`);
  let stmt: Statement;
  try {
    stmt = parseStatement(bindParams(sql, markers), {});
  } catch {
    // A marker is not a value the parse accepts there: each binding parses (and reports) itself.
    return none;
  }
  if (stmt.kind !== 'insert' || stmt.source.scans.length > 0 || stmt.onConflict !== null) return none;
  const slots = new Map<string, number>();
  for (const [name, value] of Object.entries(stmt.source.bindings)) {
    const index = typeof value === 'string' ? markers.indexOf(value) : -1;
    if (index >= 0) slots.set(name, index);
  }
  // Every marker must be in the bindings, once, and nowhere else (the statement's text aside).
  const elsewhere = countMarkers({ ...stmt, text: '', source: { ...stmt.source, text: '', bindings: {} } }, tag);
  const used = new Set(slots.values());
  if (elsewhere > 0 || used.size !== count || slots.size !== count) return none;
  // The statement's text as the template has it (`$n`, not markers): values never enter a text.
  const unmark = (text: string) => markers.reduce((t, m, i) => t.replaceAll(`'${m}'`, `$${i + 1}`), text);
  return { sql, parsed: { ...stmt, text: unmark(stmt.text), source: { ...stmt.source, text: unmark(stmt.source.text) } }, slots };
}

/** The statement `bindParams(sql, params)` parses to; null when it has to be parsed that way. */
export function bindTemplate(template: PreparedTemplate, params: readonly ParamValue[]): InsertStatement | null {
  if (template.parsed === null || params.length !== template.slots.size || params.some((p) => typeof p !== 'string')) return null;
  const bindings: Record<string, SqlValue> = { ...template.parsed.source.bindings };
  for (const [name, index] of template.slots) bindings[name] = params[index] as string;
  return { ...template.parsed, source: { ...template.parsed.source, bindings } };
}

function countMarkers(value: unknown, tag: string): number {
  if (typeof value === 'string') return value.includes(tag) ? 1 : 0;
  if (value === null || typeof value !== 'object') return 0;
  return Object.values(value).reduce((n: number, v) => n + countMarkers(v, tag), 0);
}
