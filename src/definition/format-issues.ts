// zod issues → hookql Issues with YAML paths and short messages that say what was expected and what
// was found (zod's defaults read "Invalid input: expected string, received undefined").

import type { z } from 'zod';
import type { Issue } from '../errors.js';
import { didYouMean } from '../util/suggest.js';
import { formatPath } from './yaml-path.js';

export function formatZodIssues(issues: readonly z.core.$ZodIssue[]): Issue[] {
  return issues.map((iss) => ({ at: formatPath(iss.path), message: messageOf(iss) }));
}

function messageOf(iss: z.core.$ZodIssue): string {
  switch (iss.code) {
    case 'invalid_type':
      return iss.input === undefined ? `missing (expected ${iss.expected})` : `expected ${iss.expected}, got ${describe(iss.input)}`;
    case 'invalid_value':
      return notOneOf(iss.input, iss.values.map(String));
    case 'invalid_union':
      return unionMessage(iss);
    case 'invalid_key':
      return `invalid name '${String(iss.input)}': ${iss.issues.map((i) => i.message).join('; ')}`;
    default:
      return iss.message;
  }
}

function notOneOf(input: unknown, values: readonly string[]): string {
  const hint = typeof input === 'string' ? didYouMean(input, values) : '';
  const shown = typeof input === 'string' ? `'${input}'` : JSON.stringify(input);
  const got = input === undefined ? 'missing' : `${shown} is not one of ${values.join(', ')}`;
  return hint === '' ? got : `${got} — ${hint}`;
}

/** A discriminated union (constraint `kind`) carries its options at runtime, though zod's types omit them. */
function unionMessage(iss: z.core.$ZodIssueInvalidUnion): string {
  const extra = iss as { discriminator?: unknown; options?: unknown };
  if (typeof extra.discriminator !== 'string' || !Array.isArray(extra.options)) return iss.message;
  return notOneOf(discriminatorValue(iss.input, extra.discriminator), extra.options.map(String));
}

function discriminatorValue(input: unknown, key: string): unknown {
  return typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[key] : undefined;
}

/** "a number (3)", "an array", "null" — what was found, briefly. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `a string (${JSON.stringify(value)})`;
  return `${typeof value} (${String(value)})`;
}
