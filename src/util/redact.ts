// Secrets never reach output: write-only values are replaced by *** wherever hookql prints
// statements, plans, errors or logs.

export const REDACTED = '***';

/**
 * Replaces every occurrence of each secret value in `text`. Secrets shorter than 4 characters are
 * still replaced (an empty one is ignored) — a short secret is no less secret.
 */
export function redactText(text: string, secrets: Iterable<string>): string {
  let out = text;
  const sorted = [...new Set([...secrets].filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
  for (const s of sorted) out = out.split(s).join(REDACTED);
  return out;
}

/**
 * How a secret value can be written inside a statement: as is, inside a JSON string (`"` and `\`
 * escaped), inside a SQL string (`'` doubled), or both (JSON text in a SQL literal, the usual case).
 */
export function secretSpellings(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  return [...new Set([secret, json, secret.replaceAll("'", "''"), json.replaceAll("'", "''")])];
}

/** A deep copy of `value` with the values of the named keys (at any depth) replaced by ***. */
export function redactKeys(value: unknown, keys: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => redactKeys(v, keys));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = keys.has(k) && v !== undefined && v !== null && v !== '' ? REDACTED : redactKeys(v, keys);
    }
    return out;
  }
  return value;
}

/** Collects the string values stored under the named keys (at any depth), to redact them from text. */
export function collectSecrets(value: unknown, keys: ReadonlySet<string>, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => collectSecrets(v, keys, into));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (keys.has(k) && typeof v === 'string') into.add(v);
      else collectSecrets(v, keys, into);
    }
  }
  return into;
}
