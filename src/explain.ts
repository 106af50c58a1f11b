// EXPLAIN output: the plan as data, with every write-only value (secrets) replaced by ***.

import type { FieldDef, Registry } from './definition/types.js';
import type { Plan } from './plan/types.js';
import { collectSecrets, redactKeys, redactText } from './redact.js';
import type { CellValue, ResultColumn } from './result.js';

/** Names of every write-only field or property across the registry. */
export function writeOnlyNames(registry: Registry): Set<string> {
  const names = new Set<string>();
  const walk = (fields: readonly FieldDef[]) =>
    fields.forEach((f) => {
      if (f.writeOnly) names.add(f.name);
      walk(f.properties);
    });
  for (const def of registry.resources.values()) walk(def.fields);
  return names;
}

/** A plan made safe to print: secret-valued keys masked, and their values scrubbed from statement text. */
export function redactPlan(plan: Plan, registry: Registry): unknown {
  const keys = writeOnlyNames(registry);
  const secrets = collectSecrets(plan, keys);
  return JSON.parse(redactText(JSON.stringify(redactKeys(plan, keys)), [...secrets].map((s) => JSON.stringify(s).slice(1, -1))));
}

export function explainRows(plan: Plan, registry: Registry): { columns: ResultColumn[]; rows: CellValue[][] } {
  return { columns: [{ name: 'plan', type: 'json' }], rows: [[JSON.stringify(redactPlan(plan, registry))]] };
}
