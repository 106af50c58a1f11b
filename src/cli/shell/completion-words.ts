// The words Tab can offer, gathered once from the resource definitions: nothing about any
// particular resource is written here, so a new YAML file brings its own completions.

import type { Registry } from '../../definition/types.js';

export const SQL_KEYWORDS: readonly string[] = [
  'SELECT', 'FROM', 'WHERE', 'AND', 'OR', 'NOT', 'IN', 'IS', 'NULL', 'LIKE', 'BETWEEN', 'AS', 'DISTINCT',
  'GROUP', 'BY', 'HAVING', 'ORDER', 'ASC', 'DESC', 'LIMIT', 'OFFSET', 'WITH', 'JOIN', 'LEFT', 'INNER',
  'ON', 'UNION', 'ALL', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END', 'INSERT', 'INTO', 'VALUES', 'RETURNING',
  'UPDATE', 'SET', 'DELETE', 'EXEC', 'SHOW', 'PROVIDERS', 'SERVICES', 'RESOURCES', 'METHODS', 'DESCRIBE',
  'EXTENDED', 'EXPLAIN', 'TRUE', 'FALSE', 'CONFLICT', 'DO', 'NOTHING', 'EXCLUDED',
  // SQLite functions people reach for on JSON columns.
  'COUNT', 'SUM', 'MIN', 'MAX', 'COALESCE', 'JSON_EXTRACT', 'JSON_EACH', 'JSON_ARRAY_LENGTH',
  'DATETIME', 'LOWER', 'UPPER',
];

export interface CompletionWords {
  readonly keywords: readonly string[];
  /** `provider.service.resource` ids. */
  readonly resources: readonly string[];
  /** Every column and param name of every resource (WHERE takes both). */
  readonly columns: readonly string[];
  /** resource id → its method names (for `EXEC id.method`). */
  readonly methods: ReadonlyMap<string, readonly string[]>;
  /** `id.method` → the names EXEC takes as `@name` (inputs and required params). */
  readonly execParams: ReadonlyMap<string, readonly string[]>;
  /** Every param and field name, for `@` when the EXEC target is not known yet. */
  readonly allParams: readonly string[];
  /** Every enum value (event names, statuses), offered inside a string whose column is unknown. */
  readonly enumValues: readonly string[];
  /** resource id → the columns a SELECT on it has (fields and the list method's params). */
  readonly columnsOf: ReadonlyMap<string, readonly string[]>;
  /** resource id → column or param name → its enum values (for `status = '<Tab>`). */
  readonly enumsOf: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;
}

export function completionWords(registry: Registry): CompletionWords {
  const columns = new Set<string>();
  const allParams = new Set<string>();
  const enumValues = new Set<string>();
  const methods = new Map<string, string[]>();
  const execParams = new Map<string, string[]>();
  const columnsOf = new Map<string, string[]>();
  const enumsOf = new Map<string, Map<string, readonly string[]>>();
  for (const r of registry.resources.values()) {
    const select = r.sqlVerbs.select === null ? undefined : r.methods[r.sqlVerbs.select];
    const selectParams = new Set([r.serverParam, ...(select?.inputs.map((i) => i.name) ?? [])]);
    columnsOf.set(r.id, [...new Set([...r.fields.map((f) => f.name), ...r.params.filter((p) => selectParams.has(p.name)).map((p) => p.name)])].sort());
    const enums = new Map<string, readonly string[]>();
    for (const named of [...r.fields, ...r.params]) if (named.enum !== null && r.enums[named.enum]) enums.set(named.name, r.enums[named.enum]);
    enumsOf.set(r.id, enums);
    for (const f of r.fields) columns.add(f.name), allParams.add(f.name);
    for (const p of r.params) columns.add(p.name), allParams.add(p.name);
    for (const values of Object.values(r.enums)) values.forEach((v) => enumValues.add(v));
    methods.set(r.id, Object.keys(r.methods).sort());
    for (const [name, m] of Object.entries(r.methods)) {
      const names = new Set([r.serverParam, ...m.required, ...m.inputs.map((i) => i.name)]);
      execParams.set(`${r.id}.${name}`, [...names]);
    }
  }
  return {
    keywords: SQL_KEYWORDS,
    resources: [...registry.resources.keys()].sort(),
    columns: [...columns].sort(),
    methods,
    execParams,
    allParams: [...allParams].sort(),
    enumValues: [...enumValues].sort(),
    columnsOf,
    enumsOf,
  };
}
