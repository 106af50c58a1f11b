// Readable, stable names for exported entries and their variables. Live rows have no name, so one is
// made from what identifies the row: its natural key (the scope field — the model — then the target),
// e.g. `churn-model-hooks-example-com-prod`. The same live state always gives the same names.

import type { ResourceDefinition } from '../definition/types.js';
import type { LiveRow } from './plan-types.js';
import { scopeField, valueAt } from './resource-fields.js';

const MAX_SLUG = 60;

/** Lower-case words joined by `-`: `https://Hooks.example.com/a/b?x=1` → `hooks-example-com-a-b-x-1`. */
export function slug(text: string): string {
  const s = text
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s.slice(0, MAX_SLUG).replace(/-+$/, '');
}

/** The entry name for a live row: `[workspace-]scope-target`. */
export function entryName(def: ResourceDefinition, row: LiveRow, workspacePrefix: string | null): string {
  const scope = scopeField(def);
  const parts: string[] = [];
  if (workspacePrefix !== null) parts.push(workspacePrefix);
  if (scope !== undefined) {
    const v = valueAt(row.values, scope);
    // Absent scope (a registry-wide row): say so rather than leave the name ambiguous.
    parts.push(v === undefined ? `any-${slug(scope)}` : slug(String(v)));
  }
  for (const path of def.naturalKey) {
    if (path === def.serverParam || path === scope) continue;
    const v = valueAt(row.values, path);
    if (v === undefined) continue;
    const text = String(v);
    // A bare number says nothing alone: `job-id-1001` rather than `1001`.
    parts.push(/^\d+$/.test(text) ? slug(`${path.split('.').pop() ?? path} ${text}`) : slug(shortUrl(text)));
  }
  return parts.filter((p) => p !== '').join('-') || slug(def.noun.singular);
}

/** A URL as its host and last path segment (`hooks.slack.com/…/ml-releases`); other text as is. */
function shortUrl(text: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]+)([^?#]*)/i.exec(text);
  if (m === null) return text;
  const last = m[2].split('/').filter((s) => s !== '').pop();
  return last === undefined ? m[1] : `${m[1]} ${last}`;
}

/** Names made unique in order: the second `x` becomes `x-2`. */
export function uniqueNames(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const count = (seen.get(n) ?? 0) + 1;
    seen.set(n, count);
    return count === 1 ? n : `${n}-${count}`;
  });
}

/** `CHURN_MODEL_HOOKS_EXAMPLE_COM_PROD_SECRET`: the environment variable for one write-only value. */
export function envName(entry: string, property: string): string {
  return `${entry}_${property}`.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '');
}

/** Manifest var names for the workspaces: `workspace` for one, `workspace_<slug>` for several. */
export function workspaceVars(serverParam: string, workspaces: readonly string[]): Map<string, string> {
  if (workspaces.length === 1) return new Map([[workspaces[0], serverParam]]);
  const names = uniqueNames(workspaces.map((w) => `${serverParam}_${slug(w).replace(/-/g, '_') || 'x'}`));
  return new Map(workspaces.map((w, i) => [w, names[i].replace(/-/g, '_')]));
}
