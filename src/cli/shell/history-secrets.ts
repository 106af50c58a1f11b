// Which history entries must not be written to disk. The history file outlives the session, and a
// statement creating a webhook can carry its shared secret or a job's access token; hookql redacts
// those everywhere it prints, so it should not keep them in a plain file either. Such entries stay
// in the session's own (in-memory) history, so Up still recalls them until the shell exits.

import type { FieldDef, Registry } from '../../definition/types.js';
import { writeOnlyNames } from '../../explain.js';
import { collectSecrets } from '../../util/redact.js';
import type { ShellEngine } from './engine-port.js';
import type { ShellState } from './shell-state.js';

/** A predicate: does this entry hold a secret (a write-only field, or a variable named like one)? */
export function secretDetector(registry: Registry): (entry: string) => boolean {
  const names = new Set<string>();
  const visit = (fields: readonly FieldDef[]) =>
    fields.forEach((f) => (f.writeOnly ? names.add(f.name.toLowerCase()) : visit(f.properties)));
  for (const r of registry.resources.values()) visit(r.fields);
  const words = [...names, 'token', 'password', 'secret'].map((n) => n.replace(/[^\w]/g, ''));
  const alternatives = words.join('|');
  // `"secret": …` inside a JSON value, `@secret=…` in an EXEC, `.set hook_secret …` for a {{ }} value.
  const pattern = new RegExp(`"(?:${alternatives})"\\s*:|@(?:${alternatives})\\s*=|^\\s*\\.set\\s+\\w*(?:${alternatives})`, 'i');
  return (entry) => pattern.test(entry);
}

/**
 * The history test for statements: decided from the plan — does any write-only value leave with
 * this statement? — not from its text, which can spell a key `json_object('secret', …)` or
 * `"secr\u0065t"`. The text test stays as a second layer (meta commands, statements that do not plan).
 */
export function historySecretDetector(engine: ShellEngine, state: ShellState): (entry: string) => boolean {
  const byText = secretDetector(engine.registry);
  const keys = writeOnlyNames(engine.registry);
  return (entry) => {
    if (byText(entry)) return true;
    if (engine.plan === undefined || /^\s*[.\\]/.test(entry)) return false;
    try {
      const plans = engine.plan(entry, { vars: state.vars, defaultWorkspace: state.workspace ?? undefined });
      return [...collectSecrets(plans, keys)].some((v) => v !== '');
    } catch {
      // It does not plan, so nothing of it is sent; what it spells is judged by the text test above.
      return false;
    }
  };
}
