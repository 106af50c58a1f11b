#!/usr/bin/env node
// `npm run build`, second step: the `hookql` executable as an esbuild bundle in dist/bundle/.
//
// Start-up is mostly module loading: `hookql exec "SHOW RESOURCES"` loaded ~115 small ES modules
// of dist/, each one a resolve, a file read and a compile. The bundle is the whole CLI as one
// CommonJS file, dist/bundle/cli.cjs, and dist/bundle/hookql.cjs (src/cli/launch-bundle.ts) runs it
// through a V8 code cache: Node 20 cannot code-cache ES modules, and as ~20 ES chunks the compile and
// the module loader's per-file work were ~30 ms CPU of every run. The launcher is CommonJS too: an ES
// entry point alone makes Node load its ES module loader (~6 ms CPU). Modules only some commands use (the
// emulator, serve, apply…) are behind dynamic imports, which esbuild turns into lazy initialisers:
// their code is in the file, but it neither runs nor is compiled unless the command needs it.
// dist/cli/main.js (tsc) stays as it was, for tests and in-process use; package.json's `bin` is the
// launcher, and dist/bundle/hookql.js (the executable before) imports it, for scripts that name it.

import { build } from 'esbuild';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Loaded from node_modules at run time: native (better-sqlite3), large and loaded lazily, or only
// by serve/mcp. Everything else a command imports statically (commander, cli-table3, cli-progress:
// small CommonJS packages every run of their command loads) goes into the bundle, which saves the
// CommonJS loader's resolve-read-compile per file. Packages loaded through createRequire (yaml,
// zod, node-sql-parser) are never bundled: esbuild leaves those calls alone. undici is the
// exception: src/execute/undici-port.ts requires its Agent and request() with the bundle's own
// `require`, so the ~25 files of every listing's HTTP client are in the bundle (and its code cache);
// its index (all of undici, for the emulator's deliveries) stays external. The external
// packages serve and mcp import (pg, pg-gateway, the MCP SDK) are required as CommonJS: each ships a
// CommonJS build of the same release.
const EXTERNAL = ['better-sqlite3', 'node-sql-parser', 'yaml', 'zod', 'pg', 'pg-gateway', 'pg-gateway/*', '@modelcontextprotocol/sdk', '@modelcontextprotocol/sdk/*'];

/**
 * An esbuild plugin that rewrites one eager `require` line of a dependency's file into one that
 * requires on first use. If a release of the dependency changes that line, the build fails rather
 * than silently bundling something else.
 */
function requireOnFirstUse(name, file, eager, lazy) {
  return {
    name,
    setup(b) {
      b.onLoad({ filter: file }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        if (!text.includes(eager)) throw new Error(`${args.path}: expected "${eager}" (the package changed; update scripts/bundle.js)`);
        return { contents: text.replace(eager, lazy), loader: 'js' };
      });
    },
  };
}

// commander requires node:child_process at load time, for stand-alone executable subcommands that
// hookql never declares. Loading it (with net, dgram, streams) is a few ms of every start-up.
const lazyChildProcess = requireOnFirstUse(
  'commander-lazy-child-process',
  /[\\/]commander[\\/]lib[\\/]command\.js$/,
  "const childProcess = require('node:child_process');",
  "const childProcess = { get spawn() { return require('node:child_process').spawn; } };",
);

// undici's client.js requires its HTTP/2 client at load time, and with it node:http2 (and node:tls):
// ~6 ms of every listing's start-up, for connections that only speak HTTP/2 when ALPN picks h2 over
// TLS, which hookql's Agent never offers (allowH2 is off).
const lazyHttp2Client = requireOnFirstUse(
  'undici-lazy-h2-client',
  /[\\/]undici[\\/]lib[\\/]dispatcher[\\/]client\.js$/,
  "const connectH2 = require('./client-h2.js')",
  "const connectH2 = (client, socket) => require('./client-h2.js')(client, socket)",
);

const undiciIndexExternal = {
  name: 'undici-index-external',
  setup(b) {
    b.onResolve({ filter: /^undici$/ }, (args) => ({ path: args.path, external: true }));
  },
};

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/bundle`;
rmSync(outdir, { recursive: true, force: true });
// createRequire(import.meta.url) and packagePath() find node_modules and package.json from the file's own place.
const IMPORT_META_URL = "const __hookqlImportMetaUrl = require('node:url').pathToFileURL(__filename).href;";
const common = { absWorkingDir: root, bundle: true, platform: 'node', target: 'node20', logLevel: 'warning', define: { 'import.meta.url': '__hookqlImportMetaUrl' } };
await build({
  ...common,
  entryPoints: ['src/cli/main.ts'],
  outfile: `${outdir}/cli.cjs`,
  format: 'cjs',
  external: EXTERNAL,
  // Every import() becomes a require(): the launcher compiles the file with vm.Script, which has no
  // module loader of its own for import() (and an ES module next to a CommonJS one of the same
  // package would be two copies of it).
  supported: { 'dynamic-import': false },
  // Strict like the ES modules it is made of: the banner would push esbuild's own "use strict" below
  // a statement, where it is no directive.
  banner: { js: `'use strict'; ${IMPORT_META_URL}` },
  plugins: [lazyChildProcess, lazyHttp2Client, undiciIndexExternal],
});
await build({ ...common, entryPoints: ['src/cli/launch-bundle.ts'], outfile: `${outdir}/hookql.cjs`, format: 'cjs', banner: { js: `#!/usr/bin/env node\n${IMPORT_META_URL}` } });
writeFileSync(`${outdir}/hookql.js`, "#!/usr/bin/env node\n// The executable's old path: the launcher, hookql.cjs (scripts/bundle.js).\nimport './hookql.cjs';\n");
// main.ts's #! line: only valid at the very start of a script, not inside the CommonJS wrapper.
// And ASCII only: one character beyond it (an arrow or an ellipsis in a comment) makes Node decode the
// whole ~1.5 MB file into a two-byte string on every start (~6 ms against ~1 ms to read it, and
// twice the memory for V8 to take in). esbuild's default `charset: 'ascii'` escapes code (strings,
// regular expressions, templates, identifiers); what is left is in comments, spelled \u… there.
const bundled = readFileSync(`${outdir}/cli.cjs`, 'utf8')
  .replace(/^#!.*\n/, '')
  .replace(/[^\x00-\x7f]/gu, (c) => `\\u{${c.codePointAt(0).toString(16)}}`);
writeFileSync(`${outdir}/cli.cjs`, bundled);
// (Code only: undici's JSDoc comments, which esbuild keeps, spell types as {import('…')}.)
const code = bundled.split('\n').filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line)).join('\n');
if (/\bimport\(/.test(code)) throw new Error('dist/bundle/cli.cjs: an import() survived bundling; the launcher cannot run it');
if (/\bimport\.meta\b/.test(code)) throw new Error('dist/bundle/cli.cjs: import.meta survived bundling; CommonJS has none');
for (const file of ['hookql.cjs', 'hookql.js']) chmodSync(`${outdir}/${file}`, 0o755);
