// One value as YAML flow text: plain when YAML reads it back as the same string, otherwise quoted.
// Quoted text is JSON, which YAML reads as a double-quoted scalar with the same escapes.

/** Words YAML 1.1 / 1.2 readers may take as booleans or null. */
const SPECIAL = /^(true|false|yes|no|on|off|null|~|y|n)$/i;
const PLAIN = /^[A-Za-z0-9_][\w./:@+-]*$/;
/** Starts like a number, a date or a time: a YAML reader might not give back a string. */
const NUMBER_LIKE = /^([-+.]?\d[\d._:eE+-]*|\d{4}-\d\d?-\d\d?.*)$/;

export function yamlScalar(value: unknown): string {
  if (typeof value === 'string') return PLAIN.test(value) && !SPECIAL.test(value) && !NUMBER_LIKE.test(value) ? value : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(yamlScalar).join(', ')}]`;
  return `{ ${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${yamlScalar(k)}: ${yamlScalar(v)}`).join(', ')} }`;
}
