// $HOOKQL_HOME holds write-only secrets in clear (local.db, emulator.db) and the shell history, so it
// and everything hookql writes in it are readable by the owner only — whatever the umask. A home
// that already exists with looser modes (made by an older hookql, or by hand) is tightened.

import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { join } from 'node:path';

const DIR_MODE = 0o700;
const FILE_MODE = 0o600;

/** Creates `dir` (and missing parents) as 0700, or tightens it to 0700 when it exists. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  tighten(dir, DIR_MODE);
}

/** Creates `file` empty as 0600 if it is missing, else tightens it to 0600. */
export function ensurePrivateFile(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', FILE_MODE));
  tighten(file, FILE_MODE);
}

/**
 * SQLite makes its `-wal`, `-shm` and `-journal` companions with the main file's mode on most
 * builds, but not under every umask; after opening a database, its companions are tightened too.
 */
export function tightenDatabaseFiles(dbFile: string): void {
  for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`, `${dbFile}-journal`]) {
    if (existsSync(f)) tighten(f, FILE_MODE);
  }
}

/** The home and the database files in it, when they exist (creating nothing: a read-only run may have no home). */
export function tightenHome(home: string): void {
  if (!existsSync(home)) return;
  tighten(home, DIR_MODE);
  for (const db of ['local.db', 'emulator.db']) tightenDatabaseFiles(join(home, db));
  for (const f of ['history']) if (existsSync(join(home, f))) tighten(join(home, f), FILE_MODE);
}

function tighten(path: string, mode: number): void {
  try {
    // Only group/other bits are removed; a file we do not own is left for the OS to refuse.
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, mode);
  } catch {
    // Not ours or gone: nothing to tighten. Opening it later reports the real problem.
  }
}
