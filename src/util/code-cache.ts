// V8's compiled code for a large CommonJS file, kept on disk between processes (what Node 22's
// module.enableCompileCache does; Node 20 has no such switch). node-sql-parser's PostgreSQL build
// is 300 kB of generated parser: compiling it and its first parse is ~25 ms of every SELECT, against
// a few ms with the cached code. V8 checks the cache against the source and its own version and
// rejects a stale one (then it compiles as usual and the cache is rewritten), so a wrong cache can
// cost time, never change behaviour. Unwritable or missing directory: plain require().

import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

export interface CachedModule {
  readonly exports: unknown;
  /** Writes the compiled code once it has run (so lazily compiled functions are in it); no-op when the cache was used. */
  save(): void;
}

/** `require(id)` through a code cache in `cacheDir`, or plain `require` when there is none. */
export function requireCompiled(require: NodeRequire, id: string, cacheDir: string | null): CachedModule {
  if (cacheDir === null) return { exports: require(id), save: () => undefined };
  const file = require.resolve(id);
  let source: string;
  let entry: string;
  try {
    // As bytes, then decoded: for the 1.5 MB bundle ~3 ms against ~5.5 ms for readFileSync(file, 'utf8') on Node 20.
    source = readFileSync(file).toString('utf8');
    const s = statSync(file);
    // One entry per file, version of it (size, mtime) and V8; a new release writes a new entry.
    entry = join(cacheDir, 'code', `${basename(file)}-${s.size}-${Math.round(s.mtimeMs)}-${process.versions.v8}.bin`);
  } catch {
    return { exports: require(id), save: () => undefined };
  }
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(entry);
  } catch {
    // first run: compiled below, written by save()
  }
  // CommonJS's own wrapper (Module.wrap), so the file runs exactly as require() would run it.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n});`, { filename: file, cachedData });
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  let pending = cachedData === undefined || script.cachedDataRejected === true;
  return {
    exports: module.exports,
    save() {
      if (!pending) return;
      pending = false;
      const temp = `${entry}.${process.pid}.tmp`;
      try {
        mkdirSync(dirname(entry), { recursive: true, mode: 0o700 });
        writeFileSync(temp, script.createCachedData(), { mode: 0o600 });
        renameSync(temp, entry);
        // Entries of the file's earlier builds (or another V8) would only fill the disk: each new
        // build or release of hookql writes its own.
        const prefix = `${basename(file)}-`;
        for (const name of readdirSync(dirname(entry))) if (name.startsWith(prefix) && name.endsWith('.bin') && join(dirname(entry), name) !== entry) rmSync(join(dirname(entry), name), { force: true });
      } catch {
        // a read-only home only costs the compile next time
      }
    },
  };
}
