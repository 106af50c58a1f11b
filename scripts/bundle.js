#!/usr/bin/env node
// `npm run build`, second step: the `hookql` executable as an esbuild bundle in dist/bundle/.
//
// Start-up is mostly module loading: `hookql exec "SHOW RESOURCES"` loaded ~115 small ES modules
// of dist/, each one a resolve, a file read and a compile. The bundle is the whole CLI as one
// CommonJS file, dist/bundle/hookql.cjs, and dist/bundle/hookql.js (src/cli/launch-bundle.ts) runs it
// through a V8 code cache: Node 20 cannot code-cache ES modules, and as ~20 ES chunks the compile and
// the module loader's per-file work were ~15 ms of every run. Modules only some commands use (the
// emulator, serve, apply…) are behind dynamic imports, which esbuild turns into lazy initialisers:
// their code is in the file, but it neither runs nor is compiled unless the command needs it.
// dist/cli/main.js (tsc) stays as it was, for tests and in-process use; package.json's `bin` is the
// launcher.

import { build } from 'esbuild';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Loaded from node_modules at run time: native (better-sqlite3), large and loaded lazily, or only
// by serve/mcp. Everything else a command imports statically (commander, cli-table3, cli-progress:
// small CommonJS packages every run of their command loads) goes into the bundle, which saves the
// CommonJS loader's resolve-read-compile per file. Packages loaded through createRequire (yaml,
// zod, undici, node-sql-parser) are never bundled: esbuild leaves those calls alone. The external
// packages serve and mcp import (pg, pg-gateway, the MCP SDK) are required as CommonJS: each ships a
// CommonJS build of the same release.
const EXTERNAL = ['better-sqlite3', 'undici', 'node-sql-parser', 'yaml', 'zod', 'pg', 'pg-gateway', 'pg-gateway/*', '@modelcontextprotocol/sdk', '@modelcontextprotocol/sdk/*'];

// commander requires node:child_process at load time, for stand-alone executable subcommands that
// hookql never declares. Loading it (with net, dgram, streams) is a few ms of every start-up; in the
// bundle it is required on first use instead. If a commander release changes that line, the plugin
// fails the build rather than silently bundling something else.
const lazyChildProcess = {
  name: 'commander-lazy-child-process',
  setup(b) {
    b.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const eager = "const childProcess = require('node:child_process');";
      if (!text.includes(eager)) throw new Error(`${args.path}: expected "${eager}" (commander changed; update scripts/bundle.js)`);
      const lazy = "const childProcess = { get spawn() { return require('node:child_process').spawn; } };";
      return { contents: text.replace(eager, lazy), loader: 'js' };
    });
  },
};

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/bundle`;
rmSync(outdir, { recursive: true, force: true });
const common = { absWorkingDir: root, bundle: true, platform: 'node', target: 'node20', logLevel: 'warning' };
await build({
  ...common,
  entryPoints: ['src/cli/main.ts'],
  outfile: `${outdir}/hookql.cjs`,
  format: 'cjs',
  external: EXTERNAL,
  // Every import() becomes a require(): the launcher compiles the file with vm.Script, which has no
  // module loader of its own for import() (and an ES module next to a CommonJS one of the same
  // package would be two copies of it).
  supported: { 'dynamic-import': false },
  // createRequire(import.meta.url) and packagePath() find node_modules and package.json from here.
  define: { 'import.meta.url': '__hookqlImportMetaUrl' },
  // Strict like the ES modules it is made of: the banner would push esbuild's own "use strict" below
  // a statement, where it is no directive.
  banner: { js: "'use strict'; const __hookqlImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [lazyChildProcess],
});
await build({ ...common, entryPoints: ['src/cli/launch-bundle.ts'], outfile: `${outdir}/hookql.js`, format: 'esm', banner: { js: '#!/usr/bin/env node' } });
// main.ts's #! line: only valid at the very start of a script, not inside the CommonJS wrapper.
const bundled = readFileSync(`${outdir}/hookql.cjs`, 'utf8').replace(/^#!.*\n/, '');
writeFileSync(`${outdir}/hookql.cjs`, bundled);
if (/\bimport\(/.test(bundled)) throw new Error('dist/bundle/hookql.cjs: an import() survived bundling; the launcher cannot run it');
if (/\bimport\.meta\b/.test(bundled)) throw new Error('dist/bundle/hookql.cjs: import.meta survived bundling; CommonJS has none');
chmodSync(`${outdir}/hookql.js`, 0o755);
