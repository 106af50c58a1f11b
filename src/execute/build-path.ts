/** `path?k=v&k=w`: query pairs in the plan's order, repeated keys kept (that is how arrays travel). */
export function buildPath(path: string, query: readonly (readonly [string, string])[]): string {
  if (query.length === 0) return path;
  const qs = query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  return `${path}?${qs}`;
}

/** The query pairs with every `key` replaced by one `key=value` at the end (page tokens). */
export function withQueryValue(
  query: readonly (readonly [string, string])[],
  key: string,
  value: string,
): (readonly [string, string])[] {
  return [...query.filter(([k]) => k !== key), [key, value]];
}
