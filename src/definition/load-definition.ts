// One YAML text → one validated ResourceDefinition, or a DefinitionError listing every problem with its
// YAML path. Three passes, each reporting all it finds: YAML syntax, shape (zod), then references on the
// typed model. A pass runs only when the previous one is clean: checking references over a malformed
// tree would bury the real problem under noise it caused.

import { DefinitionError, type Issue } from '../errors.js';
import { buildDefinition } from './build-definition.js';
import { checkFields } from './check-fields.js';
import { checkMethods } from './check-methods.js';
import { checkResource } from './check-resource.js';
import { formatZodIssues } from './format-issues.js';
import { parseYaml } from './parse-yaml.js';
import { rawSchemas } from './raw-schema.js';
import type { ResourceDefinition } from './types.js';

/** `source` names the file in messages and is kept on the definition. */
export function loadDefinition(text: string, source: string): ResourceDefinition {
  const parsed = parseYaml(text);
  if (parsed.issues.length > 0) throw new DefinitionError(source, parsed.issues, { hint: hintFor(source) });

  const shape = rawSchemas().rawDefinition.safeParse(parsed.data, { reportInput: true });
  if (!shape.success) throw new DefinitionError(source, formatZodIssues(shape.error.issues), { hint: hintFor(source) });

  const def = buildDefinition(shape.data, source);
  const issues: Issue[] = [...checkResource(def), ...checkFields(def), ...checkMethods(def)];
  if (issues.length > 0) throw new DefinitionError(source, issues, { hint: hintFor(source) });
  return def;
}

function hintFor(source: string): string {
  return `fix the resource definition ${source}; each line above names the YAML path of one problem`;
}
