// Secrets never reach output: write-only values are replaced by *** wherever hookql prints
// statements, plans, errors or logs.

export const REDACTED = '***';

/**
 * Secrets this long are replaced wherever they occur; shorter ones only as a whole token (not inside
 * a longer run of letters and digits). With DATABRICKS_TOKEN=T, `EXIT` must stay `EXIT`, not
 * `EXI***`, while `invalid token T` still becomes `invalid token ***`. A short secret inside a word is
 * not an echo of it: the word is the user's own text.
 */
const ANYWHERE_LENGTH = 8;

/** Ends an echo that was cut to size (parse-response.ts): a secret cut there leaves only its start. */
export const TRUNCATION_MARK = '… [truncated';

/**
 * Replaces every occurrence of each secret value in `text` (an empty one is ignored), and the start
 * of a secret left just before a TRUNCATION_MARK, so a cut echo does not show half of one.
 */
export function redactText(text: string, secrets: Iterable<string>): string {
  const sorted = [...new Set([...secrets].filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
  let out = text;
  for (const s of sorted) out = s.length >= ANYWHERE_LENGTH ? out.split(s).join(REDACTED) : replaceWholeTokens(out, s);
  return out.includes(TRUNCATION_MARK) ? redactCutSecrets(out, sorted) : out;
}

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}_]/u.test(c);

function replaceWholeTokens(text: string, secret: string): string {
  let out = '';
  let from = 0;
  for (let at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + secret.length)) {
    // Only a side where the secret itself ends in a word character needs a boundary there.
    const before = isWordChar(secret[0]) && isWordChar(text[at - 1]);
    const after = isWordChar(secret[secret.length - 1]) && isWordChar(text[at + secret.length]);
    if (before || after) continue;
    out += text.slice(from, at) + REDACTED;
    from = at + secret.length;
  }
  return out + text.slice(from);
}

function redactCutSecrets(text: string, secrets: readonly string[]): string {
  return text.split(TRUNCATION_MARK).map((part, i, all) => {
    if (i === all.length - 1) return part;
    for (const s of secrets) {
      // The longest start of the secret (4 characters at least, or all of a short one) that ends the part.
      for (let n = s.length - 1; n >= Math.min(4, s.length); n--) {
        if (part.endsWith(s.slice(0, n))) return part.slice(0, part.length - n) + REDACTED;
      }
    }
    return part;
  }).join(TRUNCATION_MARK);
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
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const v of value) out.push(redactKeys(v, keys));
    return out;
  }
  // A plan holds thousands of small objects: keys and values read without entry tuples.
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(record)) {
    const v = record[k];
    out[k] = keys.has(k) && v !== undefined && v !== null && v !== '' ? REDACTED : redactKeys(v, keys);
  }
  return out;
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
