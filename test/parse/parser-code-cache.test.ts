// The SQL parser's compiled code is cached on disk between processes (util/code-cache.ts): the
// cached module must behave exactly like require()'s, and a stale or corrupt cache must only cost a
// compile, never a wrong parse.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { requireCompiled } from '../../src/util/code-cache.js';

const require = createRequire(import.meta.url);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ID = 'node-sql-parser/build/postgresql';
const SQL = "SELECT count(*) FROM a.b.c WHERE workspace = 'x' AND max_results = 100";
type ParserModule = { Parser: new () => { astify(sql: string, o: object): unknown } };
const parse = (m: unknown) => new (m as ParserModule).Parser().astify(SQL, { database: 'postgresql' });

describe('requireCompiled', () => {
  it('writes the compiled code after the first use and parses the same with it the next time', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hookql-code-'));
    const first = requireCompiled(require, ID, dir);
    const expected = parse(first.exports);
    expect(expected).toEqual(parse(require(ID)));
    first.save();
    const [entry] = readdirSync(join(dir, 'code'));
    expect(entry).toMatch(/^postgresql\.js-\d+-\d+-.+\.bin$/);
    expect(statSync(join(dir, 'code', entry)).mode & 0o777).toBe(0o600);
    const written = statSync(join(dir, 'code', entry)).mtimeMs;

    const second = requireCompiled(require, ID, dir);
    expect(parse(second.exports)).toEqual(expected);
    second.save(); // the cache was accepted: nothing rewritten
    expect(statSync(join(dir, 'code', entry)).mtimeMs).toBe(written);
  });

  it("replaces the entries of the file's earlier builds, and leaves other files' entries alone", () => {
    const dir = mkdtempSync(join(tmpdir(), 'hookql-code-'));
    mkdirSync(join(dir, 'code'));
    writeFileSync(join(dir, 'code', 'postgresql.js-1-2-old-v8.bin'), 'an earlier build');
    writeFileSync(join(dir, 'code', 'cli.cjs-1-2-old-v8.bin'), 'another file');
    requireCompiled(require, ID, dir).save();
    const entries = readdirSync(join(dir, 'code')).sort();
    expect(entries).toHaveLength(2);
    expect(entries[0]).toBe('cli.cjs-1-2-old-v8.bin');
    expect(entries[1]).toMatch(/^postgresql\.js-\d+-\d+-.+\.bin$/);
    expect(entries[1]).not.toBe('postgresql.js-1-2-old-v8.bin');
  });

  it('compiles as usual when the cached code is garbage, and replaces it (a fresh process, like the next hookql run)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hookql-code-'));
    requireCompiled(require, ID, dir).save();
    const [entry] = readdirSync(join(dir, 'code'));
    writeFileSync(join(dir, 'code', entry), 'not V8 code');
    // In this process V8 would answer from its in-memory compilation cache and never look at the file.
    const script = `
      import { createRequire } from 'node:module';
      const { requireCompiled } = await import(${JSON.stringify(join(ROOT, 'dist', 'util', 'code-cache.js'))});
      const m = requireCompiled(createRequire(${JSON.stringify(join(ROOT, 'package.json'))}), ${JSON.stringify(ID)}, ${JSON.stringify(dir)});
      process.stdout.write(JSON.stringify(new m.exports.Parser().astify(${JSON.stringify(SQL)}, { database: 'postgresql' })));
      m.save();`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual(parse(require(ID)));
    expect(readFileSync(join(dir, 'code', entry)).length).toBeGreaterThan(1000);
  });

  it('is plain require() without a cache directory', () => {
    const m = requireCompiled(require, ID, null);
    expect(m.exports).toBe(require(ID));
    m.save();
  });
});
