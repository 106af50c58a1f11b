// Completion for meta command lines: the command names, then each command's argument
// (formats for .output, on/off for .timing, file names for .read).

import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { OUTPUT_FORMATS } from '../render-result.js';
import { META_WORDS } from './meta-commands.js';

const ARGUMENTS: Readonly<Record<string, readonly string[]>> = {
  '.output': [...OUTPUT_FORMATS, 'line'],
  '.mode': [...OUTPUT_FORMATS, 'line'],
  '.timing': ['on', 'off'],
  '\\timing': ['on', 'off'],
  '.headers': ['on', 'off'],
  '.pager': ['on', 'off'],
  '.expanded': ['on', 'off'],
  '\\x': ['on', 'off'],
  '.partial': ['on', 'off'],
  '.workspace': ['local', '-'],
};

export function completeMeta(line: string): [string[], string] {
  const match = /^\s*(\S+)(\s+)?(.*)$/s.exec(line);
  if (match === null) return [[], ''];
  const [, command, space, arg] = match;
  if (space === undefined) return [META_WORDS.filter((c) => c.startsWith(command.toLowerCase())), command];
  if (command === '.read') return [fileNames(arg), arg];
  const options = ARGUMENTS[command.toLowerCase()] ?? [];
  return [options.filter((o) => o.startsWith(arg.toLowerCase())), arg];
}

/** Entries of the directory being typed whose names start with what follows the last `/`. */
function fileNames(partial: string): string[] {
  const dir = partial.endsWith('/') ? partial : dirname(partial);
  const prefix = partial.endsWith('/') ? '' : partial.slice(partial.lastIndexOf('/') + 1);
  try {
    return readdirSync(dir === '' ? '.' : dir, { withFileTypes: true })
      .filter((e) => e.name.startsWith(prefix) && (prefix.startsWith('.') || !e.name.startsWith('.')))
      .map((e) => {
        const path = dir === '.' && !partial.startsWith('./') ? e.name : join(dir, e.name);
        return e.isDirectory() ? path + '/' : path;
      })
      .sort();
  } catch {
    return [];
  }
}
