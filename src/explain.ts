// EXPLAIN output: the plan as data, with every write-only value (secrets) replaced by ***.

import { writeOnlyNames as writeOnlyNamesOf } from './definition/index.js';
import type { Registry } from './definition/types.js';
import type { Plan } from './plan/types.js';
import { collectSecrets, redactKeys, redactText, secretSpellings } from './util/redact.js';
import type { CellValue, ResultColumn } from './result.js';
import { explainTree } from './explain-tree.js';

/** Names of every write-only field or property across the registry. */
export function writeOnlyNames(registry: Registry): Set<string> {
  return new Set([...registry.resources.values()].flatMap((def) => [...writeOnlyNamesOf(def)]));
}

/**
 * A plan made safe to print: secret-valued keys masked, and their values scrubbed from every string
 * left (the statement text), in each spelling they can have there. Scrubbing the strings before
 * serialising, not the JSON text after, is what makes a secret with a quote or a backslash match:
 * found by the secret-leak suite (`p@ss'w"rd\…` stayed visible in EXPLAIN's text).
 */
export function redactPlan(plan: Plan, registry: Registry): unknown {
  const keys = writeOnlyNames(registry);
  const spellings = [...collectSecrets(plan, keys)].flatMap(secretSpellings);
  return mapStrings(redactKeys(plan, keys), (s) => redactText(s, spellings));
}

function mapStrings(value: unknown, fn: (s: string) => string): unknown {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn)]));
  return value;
}

/** `EXPLAIN`: one text row per line of the tree; `EXPLAIN (FORMAT JSON)`: the plan as one JSON value. */
export function explainRows(plan: Exclude<Plan, { kind: 'explain' }>, registry: Registry, format: 'tree' | 'json' = 'json'): { columns: ResultColumn[]; rows: CellValue[][] } {
  const redacted = redactPlan(plan, registry);
  if (format === 'tree') return { columns: [{ name: 'plan', type: 'text' }], rows: explainTree(redacted as typeof plan).map((line) => [line]) };
  return { columns: [{ name: 'plan', type: 'json' }], rows: [[JSON.stringify(redacted)]] };
}
