// SHOW and DESCRIBE are answered from the definitions alone: no request, no workspace.

import { findResource } from '../definition/index.js';
import { UnknownResourceError } from '../errors.js';
import { didYouMean } from '../util/suggest.js';
import type { Registry, ResourceDefinition } from '../definition/types.js';
import type { DescribeStatement, ShowStatement, SqlValue } from '../parse/types.js';
import type { MetaPlan, ScratchColumn } from './types.js';

const text = (name: string): ScratchColumn => ({ name, type: 'text', source: 'field' });

export function planShow(stmt: ShowStatement, registry: Registry): MetaPlan {
  const defs = [...registry.resources.values()].filter((d) => within(d, stmt.in));
  if (stmt.in !== null && defs.length === 0) throw unknownScope(registry, stmt.in);
  const like = stmt.like === null ? () => true : likeMatcher(stmt.like);
  const meta = (columns: string[], rows: SqlValue[][]): MetaPlan => ({
    kind: 'meta',
    text: stmt.text,
    columns: columns.map(text),
    rows: dedupe(rows.filter((r) => like(String(r[0])))),
  });
  switch (stmt.what) {
    case 'providers':
      return meta(['name'], defs.map((d) => [d.provider]));
    case 'services':
      return meta(['name', 'id'], defs.map((d) => [d.service, `${d.provider}.${d.service}`]));
    case 'resources':
      return meta(['name', 'id', 'title'], defs.map((d) => [d.name, d.id, d.title]));
    case 'methods':
      return meta(
        ['MethodName', 'RequiredParams', 'OptionalParams', 'SQLVerb', 'description'],
        defs.flatMap((d) => Object.values(d.methods).map((m) => {
          const verb = (Object.entries(d.sqlVerbs).find(([, v]) => v === m.name)?.[0] ?? (d.selectAlso.includes(m.name) ? 'select' : 'exec')).toUpperCase();
          const optional = m.inputs.map((i) => i.name).filter((n) => !m.required.includes(n));
          return [m.name, m.required.join(', '), optional.join(', '), verb, m.description];
        })),
      );
  }
}

export function planDescribe(stmt: DescribeStatement, registry: Registry): MetaPlan {
  const def = findResource(registry, stmt.resource);
  const columns = stmt.extended ? ['name', 'type', 'kind', 'values', 'notes', 'description'] : ['name', 'type', 'description'];
  const rows: SqlValue[][] = def.fields.map((f) => {
    const notes = [f.readOnly && 'read-only', f.writeOnly && 'write-only', ...f.properties.map((p) => `${p.name}: ${p.type}${p.required ? ' (required)' : ''}${p.writeOnly ? ' (write-only)' : ''}`)]
      .filter(Boolean)
      .join('; ');
    return stmt.extended ? [f.name, typeName(f.type, f.items), 'column', enumValues(def, f.enum), notes, f.description] : [f.name, typeName(f.type, f.items), f.description];
  });
  if (stmt.extended) {
    for (const p of def.params) {
      if (def.fields.some((f) => f.name === p.name)) continue;
      rows.push([p.name, typeName(p.type, p.items), 'param', enumValues(def, p.enum), p.name === def.serverParam ? 'required by every method' : '', p.description]);
    }
  }
  return { kind: 'meta', text: stmt.text, columns: columns.map(text), rows };
}

function typeName(type: string, items: string | null): string {
  return type === 'array' && items ? `array<${items}>` : type;
}

function enumValues(def: ResourceDefinition, name: string | null): string {
  return name === null ? '' : (def.enums[name] ?? []).join(', ');
}

function within(def: ResourceDefinition, scope: string | null): boolean {
  if (scope === null) return true;
  // Identifiers are case-insensitive, as in findResource.
  const id = def.id.toLowerCase();
  const wanted = scope.toLowerCase();
  return id === wanted || id.startsWith(wanted + '.');
}

/** `SHOW … IN x` where x names nothing is a typo, not an empty list: say so, with a did-you-mean. */
function unknownScope(registry: Registry, scope: string): UnknownResourceError {
  if (scope.split('.').length >= 3) findResource(registry, scope); // throws, suggesting the nearest resource
  const scopes = [...registry.resources.values()].flatMap((d) => [d.provider, `${d.provider}.${d.service}`]);
  return new UnknownResourceError(`nothing is defined in '${scope}'`, {
    hint: [didYouMean(scope, new Set(scopes)), 'SHOW PROVIDERS and SHOW SERVICES list what there is'].filter(Boolean).join(' '),
  });
}

function likeMatcher(pattern: string): (s: string) => boolean {
  const re = new RegExp('^' + pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.') + '$', 'i');
  return (s) => re.test(s);
}

function dedupe(rows: SqlValue[][]): SqlValue[][] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const k = JSON.stringify(r);
    return seen.has(k) ? false : (seen.add(k), true);
  });
}
