// Resolving the resource a statement names (`provider.service.resource`), with a did-you-mean.

import { UnknownResourceError } from '../errors.js';
import { withSuggestion } from './messages.js';
import type { Registry, ResourceDefinition } from './types.js';

export function findResource(registry: Registry, name: string): ResourceDefinition {
  const exact = registry.resources.get(name);
  if (exact !== undefined) return exact;
  // SQL identifiers are case-insensitive unless quoted; accept any case of a known id.
  for (const def of registry.resources.values()) if (def.id.toLowerCase() === name.toLowerCase()) return def;
  const ids = [...registry.resources.keys()];
  throw new UnknownResourceError(withSuggestion(`unknown resource '${name}'`, name, ids), { hint: hintFor(registry, name) });
}

/** Point at SHOW RESOURCES in the service the user meant, when the provider.service part is known. */
function hintFor(registry: Registry, name: string): string {
  const services = [...new Set([...registry.resources.values()].map((d) => `${d.provider}.${d.service}`))].sort();
  const wanted = name.split('.').slice(0, 2).join('.');
  const service = services.find((s) => s.toLowerCase() === wanted.toLowerCase());
  if (service !== undefined) return `SHOW RESOURCES IN ${service} lists its resources`;
  return `SHOW RESOURCES IN <provider.service> lists resources; known services: ${services.join(', ')}`;
}
