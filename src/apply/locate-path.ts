// Problems found on a resolved value name a path (`http_url_spec.url`, `events[2]`); this finds the
// located node at that path so the message points at the exact line:column, or the nearest parent.

import { entryOf, type Located, type Pos } from './located-yaml.js';

/** `path` is relative to `node` (segments split on `.` and `[i]`). */
export function locatePath(node: Located, path: string): Pos {
  let current = node;
  for (const segment of path.split(/\.|\[(\d+)\]/).filter((s) => s !== undefined && s !== '')) {
    const next = /^\d+$/.test(segment) && current.kind === 'seq' ? current.items[Number(segment)] : entryOf(current, segment)?.value;
    if (next === undefined) break;
    current = next;
  }
  return current.pos;
}

/** Splits `path: message` as produced by checkValue into its path and the rest. */
export function splitProblem(problem: string): { path: string; message: string } {
  const m = /^([\w.[\]]+): (.*)$/s.exec(problem);
  return m ? { path: m[1], message: problem } : { path: '', message: problem };
}
