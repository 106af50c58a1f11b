// One stderr line per tool call (stdout is the protocol), with secrets redacted: the values of
// write-only fields (a webhook's `secret`, a job's `token`) wherever a statement spells them as
// `"name": "…"` JSON or `@name='…'` EXEC arguments, and the environment's credentials.

import type { Registry, FieldDef } from '../definition/types.js';
import { redactText, REDACTED } from '../util/redact.js';

export function callLogger(registry: Registry, secrets: readonly string[], write: (line: string) => void) {
  const names = new Set(['token', 'password', 'secret', 'authorization', 'access_token', 'client_secret']);
  const visit = (fields: readonly FieldDef[]) => fields.forEach((f) => (f.writeOnly ? names.add(f.name) : visit(f.properties)));
  for (const def of registry.resources.values()) visit(def.fields);
  const alternatives = [...names].map((n) => n.replace(/[^\w]/g, '')).join('|');
  const json = new RegExp(`("(?:${alternatives})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi');
  const exec = new RegExp(`(@(?:${alternatives})\\s*=\\s*)'(?:[^']|'')*'`, 'gi');
  const scrub = (text: string) => redactText(text.replace(json, `$1"${REDACTED}"`).replace(exec, `$1'${REDACTED}'`), secrets);
  return (tool: string, args: Record<string, unknown>, outcome: string) => {
    // Scrubbed before JSON encoding: encoded, a statement's quotes are escaped and would hide its secrets.
    const safe = Object.fromEntries(Object.entries(args).map(([k, v]) => [k, typeof v === 'string' ? scrub(v) : v]));
    write(`hookql mcp: ${tool} ${redactText(JSON.stringify(safe), secrets)} → ${scrub(outcome)}\n`);
  };
}
