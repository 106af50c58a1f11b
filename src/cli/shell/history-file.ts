// Shell history in $HOOKQL_HOME/history: one entry per line, oldest first (like sqlite3's), and
// appended as each entry is run, so a crash or a closed terminal loses nothing. The file can hold
// secrets typed into statements (a webhook's shared secret), so it is created readable by its owner only.

import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { ensurePrivateDir } from '../../util/private-files.js';
import { dirname } from 'node:path';

export const HISTORY_SIZE = 1000;

export class HistoryFile {
  private warned = false;

  constructor(
    readonly path: string,
    private readonly warn: (message: string) => void,
    private readonly size = HISTORY_SIZE,
  ) {}

  /** Entries newest first (the order node:readline wants); [] when there is no file yet. */
  load(): string[] {
    let lines: string[];
    try {
      lines = readFileSync(this.path, 'utf8').split('\n').filter((l) => l.trim() !== '');
    } catch {
      return [];
    }
    // Appending never trims, so the file is cut back to size here, once per session.
    if (lines.length > this.size * 2) this.rewrite(lines.slice(-this.size));
    return lines.slice(-this.size).reverse();
  }

  append(entry: string): void {
    if (entry.includes('\n') || entry.trim() === '') return;
    try {
      ensurePrivateDir(dirname(this.path));
      appendFileSync(this.path, entry + '\n', { mode: 0o600 });
    } catch (e) {
      this.warnOnce(e);
    }
  }

  private rewrite(lines: string[]): void {
    try {
      writeFileSync(this.path, lines.join('\n') + '\n', { mode: 0o600 });
    } catch (e) {
      this.warnOnce(e);
    }
  }

  // A read-only home should not make every statement print an error; say it once.
  private warnOnce(e: unknown): void {
    if (this.warned) return;
    this.warned = true;
    this.warn(`warning: history is not saved to ${this.path}: ${(e as Error).message}`);
  }
}

/**
 * node:readline adds each typed line to its history; a statement typed over several lines should
 * come back as one entry. Replaces the newest entries, if they are exactly those lines, by `entry`.
 * Mutating readline's array is the documented use of its 'history' event.
 */
export function mergeNewestLines(history: string[], lines: readonly string[], entry: string): void {
  const typed = lines.filter((l) => l.trim() !== '').reverse();
  const matches = typed.every((line, i) => history[i] === line);
  if (!matches) return;
  history.splice(0, typed.length, entry);
  const older = history.indexOf(entry, 1);
  if (older !== -1) history.splice(older, 1);
}
