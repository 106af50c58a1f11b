// Which resource a manifest manages. hookql's own form names it by its list key (the resource's
// plural noun from its definition) or by `resource: <id>`; StackQL's documented form is a bare list
// whose entries are named after the resource (`- name: <resource name>`).

import type { Registry, ResourceDefinition } from '../definition/types.js';
import { didYouMean } from '../util/suggest.js';
import { entryOf, type Located, type Pos } from './located-yaml.js';

export type Chosen =
  | { readonly ok: true; readonly def: ResourceDefinition; readonly entries: Located | null }
  | { readonly ok: false; readonly pos: Pos; readonly message: string };

export function chooseResource(registry: Registry, root: Located): Chosen {
  const all = [...registry.resources.values()];
  if (root.kind === 'seq') return chooseForList(all, root);
  if (root.kind !== 'map') return { ok: false, pos: root.pos, message: `expected a mapping (version, vars, ${plurals(all)}) or a list of entries` };
  const named = entryOf(root, 'resource');
  if (named !== undefined) {
    const id = named.value.kind === 'scalar' ? String(named.value.value) : '';
    const def = registry.resources.get(id);
    if (def === undefined) {
      const hint = didYouMean(id, registry.resources.keys());
      return { ok: false, pos: named.value.pos, message: `unknown resource '${id}'${hint ? ` — ${hint}` : ''}` };
    }
    return { ok: true, def, entries: entryOf(root, def.noun.plural)?.value ?? null };
  }
  const byKey = all.filter((d) => entryOf(root, d.noun.plural) !== undefined);
  if (byKey.length === 1) return { ok: true, def: byKey[0], entries: entryOf(root, byKey[0].noun.plural)?.value ?? null };
  const message =
    byKey.length === 0
      ? `no list of entries: expected a key ${plurals(all)}`
      : `several resources' lists (${byKey.map((d) => d.noun.plural).join(', ')}): name one with resource: <id>`;
  return { ok: false, pos: root.pos, message };
}

function chooseForList(all: ResourceDefinition[], root: Located & { kind: 'seq' }): Chosen {
  const first = root.items[0];
  const name = first === undefined ? undefined : entryOf(first, 'name')?.value;
  const byName = all.find((d) => name?.kind === 'scalar' && (name.value === d.name || name.value === d.id));
  // With one resource a manifest can manage (listed, created, matched by a natural key), a bare list
  // can only mean that one — read-only resources beside it do not make it ambiguous.
  const manageable = all.filter((d) => d.sqlVerbs.select !== null && d.sqlVerbs.insert !== null && d.naturalKey.length > 0);
  const def = byName ?? (all.length === 1 ? all[0] : manageable.length === 1 ? manageable[0] : undefined);
  if (def === undefined) return { ok: false, pos: root.pos, message: `a bare list of entries must name its resource: use a mapping with resource: <id>` };
  return { ok: true, def, entries: root };
}

function plurals(all: ResourceDefinition[]): string {
  return all.map((d) => `'${d.noun.plural}'`).join(' or ');
}
