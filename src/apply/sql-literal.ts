// Values into the SQL text of apply's statements. Standard SQL strings: only `'` needs escaping
// (doubled); backslashes are ordinary characters in hookql's lexer. Text containing `{{` would be
// read as a placeholder by the engine, so such text travels in a var instead (see change-statements.ts).

export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** Whether a text can be written as a literal as is (no placeholder syntax inside). */
export function literalSafe(text: string): boolean {
  return !text.includes('{{') && !text.includes('}}');
}
