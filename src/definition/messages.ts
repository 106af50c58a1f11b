// Shared wording for "unknown name" problems, always with the nearest known name when there is one.

import { didYouMean } from '../util/suggest.js';

/** `unknown field 'urll' — did you mean 'url'?` */
export function unknownName(kind: string, word: string, candidates: Iterable<string>): string {
  return withSuggestion(`unknown ${kind} '${word}'`, word, candidates);
}

export function withSuggestion(message: string, word: string, candidates: Iterable<string>): string {
  const hint = didYouMean(word, candidates);
  return hint === '' ? message : `${message} — ${hint}`;
}
