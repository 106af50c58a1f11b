// Tab completion for node:readline. Looks at the text before the cursor (and the earlier lines of
// the statement, for context) and offers: meta commands and their arguments at the start of a
// statement; enum values inside a string; `@param` names for EXEC; `resource.method` after a
// resource id; resource ids after FROM/INTO/UPDATE/DESCRIBE/EXEC; otherwise keywords and columns.

import { splitStatements } from './split-statements.js';
import { completeMeta } from './complete-meta.js';
import type { CompletionWords } from './completion-words.js';

export type Completer = (line: string) => [string[], string];

export interface CompletionContext {
  /** True when earlier lines hold an unfinished statement (so `.x` is not a meta command). */
  pending(): boolean;
  /** The unfinished statement's earlier lines. */
  previousLines(): string;
}

const TABLE_POSITION = /\b(from|join|into|update|describe|extended|exec)\s+$/i;
const EXEC_TARGET = /\bexec\s+([\w.]+)\.(\w+)\b/gi;

export function createCompleter(words: CompletionWords, context: CompletionContext): Completer {
  return (line) => {
    if (!context.pending() && /^\s*[.\\]/.test(line)) return completeMeta(line);
    const before = context.previousLines() === '' ? line : `${context.previousLines()}\n${line}`;
    const { state } = splitStatements(before);
    if (state === 'single-quote' || state === 'double-quote') {
      const word = /\w*$/.exec(line)?.[0] ?? '';
      return [startingWith(stringValues(words, before), word), word];
    }
    if (state !== 'code') return [[], ''];
    const word = /[@\w.]*$/.exec(line)?.[0] ?? '';
    const head = line.slice(0, line.length - word.length);
    if (TABLE_POSITION.test(head)) return [resourcesAndMethods(words, word), word];
    if (word === '') return [[], ''];
    if (word.startsWith('@')) return [execParams(words, before, word), word];
    if (word.includes('.')) return [dotted(words, word, before), word];
    const keywords = /[a-z]/.test(word) && !/[A-Z]/.test(word) ? words.keywords.map((k) => k.toLowerCase()) : words.keywords;
    return [unique([...startingWith(words.columns, word), ...startingWith(keywords, word), ...startingWith(words.resources, word)]), word];
  };
}

/** `@` + the params of the statement's EXEC target, or of anything when the target is unknown. */
function execParams(words: CompletionWords, before: string, word: string): string[] {
  if (word.startsWith('@@')) return startingWith(['@@json'], word);
  const target = [...before.matchAll(EXEC_TARGET)].pop();
  const names = (target && words.execParams.get(`${target[1]}.${target[2]}`.toLowerCase())) || words.allParams;
  return startingWith([...names.map((n) => `@${n}`), '@@json'], word);
}

/** A resource id being typed, or `resource.method` once the id is complete (EXEC). */
function resourcesAndMethods(words: CompletionWords, word: string): string[] {
  const lower = word.toLowerCase();
  const hits = startingWith(words.resources, word);
  for (const [id, methods] of words.methods) {
    if (lower.startsWith(id + '.')) hits.push(...startingWith(methods.map((m) => `${id}.${m}`), word));
  }
  return unique(hits);
}

/** A dotted word outside FROM/EXEC: a resource id, or else `alias.column` from that alias's resource. */
function dotted(words: CompletionWords, word: string, before: string): string[] {
  const hits = resourcesAndMethods(words, word);
  if (hits.length > 0) return hits;
  const qualifier = word.slice(0, word.lastIndexOf('.') + 1);
  const resource = resourceOf(words, before, qualifier.slice(0, -1));
  const columns = resource === null ? words.columns : (words.columnsOf.get(resource) ?? words.columns);
  return startingWith(columns.map((c) => qualifier + c), word);
}

const FROM_ITEM = /\b(?:from|join|update|into)\s+([\w.]+)(?:\s+(?:as\s+)?(\w+))?/gi;

/** The resource a qualifier names in the statement (`FROM res AS w`, or `res` itself), or null. */
function resourceOf(words: CompletionWords, statement: string, qualifier: string): string | null {
  const q = qualifier.toLowerCase();
  for (const m of statement.matchAll(FROM_ITEM)) {
    const id = m[1].toLowerCase();
    if (!words.columnsOf.has(id)) continue;
    if (m[2]?.toLowerCase() === q || id === q || id.endsWith('.' + q)) return id;
  }
  return null;
}

/** The resources the statement reads or writes. */
function resourcesIn(words: CompletionWords, statement: string): string[] {
  return [...statement.matchAll(FROM_ITEM)].map((m) => m[1].toLowerCase()).filter((id) => words.columnsOf.has(id));
}

// `status = '`, `w.status IN ('A', '`, `@event='`: the column whose value the open string is.
const VALUE_OF = /(@?)([\w.]+)\s*(?:=|<>|!=|(?:not\s+)?in\s*\((?:\s*'[^']*'\s*,)*)\s*'[^']*$/i;

/**
 * Inside a string: the enum values of the column it is compared with (statuses after
 * `status = '`), nothing for a column without an enum, and every enum value when the string is
 * not a column's value (a JSON argument, say).
 */
function stringValues(words: CompletionWords, before: string): readonly string[] {
  const m = VALUE_OF.exec(before);
  if (m === null) return words.enumValues;
  const name = m[2].slice(m[2].lastIndexOf('.') + 1).toLowerCase();
  const qualifier = m[2].includes('.') ? m[2].slice(0, m[2].lastIndexOf('.')) : null;
  const exec = m[1] === '@' ? [...before.matchAll(EXEC_TARGET)].pop()?.[1]?.toLowerCase() : undefined;
  const candidates = exec ? [exec] : qualifier ? [resourceOf(words, before, qualifier)].filter((r): r is string => r !== null) : resourcesIn(words, before);
  const scope = candidates.length > 0 ? candidates : [...words.enumsOf.keys()];
  const values = scope.flatMap((r) => words.enumsOf.get(r)?.get(name) ?? []);
  return [...new Set(values)];
}

function startingWith(candidates: readonly string[], word: string): string[] {
  const lower = word.toLowerCase();
  return candidates.filter((c) => c.toLowerCase().startsWith(lower));
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
