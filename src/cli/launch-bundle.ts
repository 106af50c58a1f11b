// The `hookql` executable (package.json `bin`, dist/bundle/hookql.cjs): runs the CLI's bundle
// (dist/bundle/cli.cjs, scripts/bundle.js) through a V8 code cache under $HOOKQL_HOME/cache/code.
//
// Start-up is mostly compiling code: as ES modules (which Node 20 cannot code-cache) the ~20 files
// `hookql exec "SHOW RESOURCES"` loaded cost ~10 ms of compiling plus the module loader's resolve /
// link per file. One CommonJS file compiled from its cached code skips both (see util/code-cache.ts:
// V8 rejects a stale cache, then it compiles as usual and the cache is rewritten).
// Only esbuild builds this file into the bundle directory; tsc's copy in dist/cli is never run.

import { createRequire } from 'node:module';
import { requireCompiled } from '../util/code-cache.js';
import { definitionCacheDir, hookqlHome } from '../util/hookql-home.js';

const bundle = requireCompiled(createRequire(import.meta.url), './cli.cjs', definitionCacheDir(hookqlHome(process.env)));
// Written now, once the bundle has run up to the command's first await (so the start-up functions
// are in it), not at exit: a stopped emulator or server must not write into a HOOKQL_HOME that a
// script removes right after stopping it. Writing at exit saved ~2 ms more per run. No-op when the cache was used.
bundle.save();
