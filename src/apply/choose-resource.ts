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
  // Otherwise (entries named for people, as `hookql export --format stackql` writes them) the list
  // means the one resource a manifest can manage (listed, created, matched by a natural key) whose
  // create inputs take every prop its first entry gives.
  const props = first === undefined ? [] : propNames(first);
  const fits = all.filter((d) => manageable(d) && props.every((p) => p === d.serverParam || createInputs(d).includes(p)));
  const def = byName ?? (all.length === 1 ? all[0] : fits.length === 1 ? fits[0] : undefined);
  if (def === undefined) return { ok: false, pos: root.pos, message: `a bare list of entries must name its resource: use a mapping with resource: <id>` };
  return { ok: true, def, entries: root };
}

function manageable(d: ResourceDefinition): boolean {
  return d.sqlVerbs.select !== null && d.sqlVerbs.insert !== null && d.naturalKey.length > 0;
}

function createInputs(d: ResourceDefinition): string[] {
  const create = d.sqlVerbs.insert === null ? undefined : d.methods[d.sqlVerbs.insert];
  return create?.inputs.map((i) => i.name) ?? [];
}

/** The `name:` of each item of an entry's `props:` list. */
function propNames(entry: Located): string[] {
  const props = entryOf(entry, 'props')?.value;
  if (props?.kind !== 'seq') return [];
  return props.items.flatMap((item) => {
    const name = entryOf(item, 'name')?.value;
    return name?.kind === 'scalar' ? [String(name.value)] : [];
  });
}

function plurals(all: ResourceDefinition[]): string {
  return all.map((d) => `'${d.noun.plural}'`).join(' or ');
}
