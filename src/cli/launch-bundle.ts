// The `hookql` executable (package.json `bin`, dist/bundle/hookql.cjs): runs the CLI's bundle
// (dist/bundle/cli.cjs, scripts/bundle.js) through a V8 code cache under $HOOKQL_HOME/cache/code.
//
// Start-up is mostly compiling code: as ES modules (which Node 20 cannot code-cache) the ~20 files
// `hookql exec "SHOW RESOURCES"` loaded cost ~10 ms of compiling plus the module loader's resolve /
// link per file. One CommonJS file compiled from its cached code skips both, and the cache holds the
// functions the first run compiled, so later runs do not compile them lazily either (see
// util/code-cache.ts: V8 rejects a stale cache, then it compiles as usual and the cache is rewritten).
// Only esbuild builds this file into the bundle directory; tsc's copy in dist/cli is never run.

import { createRequire } from 'node:module';
import { requireCompiled } from '../util/code-cache.js';
import { definitionCacheDir, hookqlHome } from '../util/hookql-home.js';

const bundle = requireCompiled(createRequire(import.meta.url), './cli.cjs', definitionCacheDir(hookqlHome(process.env)));
// Written once the command has finished, so the functions it ran are in the cache; a no-op when the cache was used.
process.once('exit', () => bundle.save());
