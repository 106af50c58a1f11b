// Dotted paths (`$.a.b` or `a.b`) into parsed JSON: the only path language definitions use.

/** Paths come from definitions (a few per resource): each is split once, not on every row or response. */
const split = new Map<string, readonly string[]>();

function segments(path: string): readonly string[] {
  let parts = split.get(path);
  if (parts === undefined) {
    const bare = path.startsWith('$.') ? path.slice(2) : path === '$' ? '' : path;
    parts = bare === '' ? [] : bare.split('.');
    if (split.size >= 1024) split.clear();
    split.set(path, parts);
  }
  return parts;
}

/** The value at `path`, or undefined when any step is missing or not an object. */
export function valueAtPath(value: unknown, path: string): unknown {
  let cur = value;
  for (const seg of segments(path)) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    if (!Object.prototype.hasOwnProperty.call(cur, seg)) return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** JSON equality; null and absent are the same thing (the API omits empty fields). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === undefined || a === null) return b === undefined || b === null;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  }
  if (isPlainObject(a)) {
    if (!isPlainObject(b)) return false;
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => jsonEqual(a[k], b[k]));
  }
  return a === b;
}
