// The definition stage's public surface: load the registry, find a resource and its methods, and check
// input values against it. The typed model itself is in types.ts.

export type * from './types.js';
export { loadDefinition } from './load-definition.js';
export { loadRegistry, clearDefinitionCache, builtinResourcesDir, type RegistryOptions } from './load-registry.js';
export { findResource } from './find-resource.js';
export { findMethod, methodForVerb } from './method-lookup.js';
export { findField, findParam, writeOnlyNames, writeOnlyPaths } from './field-lookup.js';
export { columnNames, isFieldOrParam } from './column-names.js';
export { checkValue } from './validate-value.js';
export { checkConstraints } from './check-constraints.js';
export { responseShape, responseShapes, type ResponseShape } from './response-shape.js';
