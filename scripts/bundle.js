#!/usr/bin/env node
// `npm run build`, second step: the `hookql` executable as an esbuild bundle in dist/bundle/.
//
// Start-up is mostly module loading: `hookql exec "SHOW RESOURCES"` loaded ~115 small ES modules
// of dist/, each one a resolve, a file read and a compile. The bundle is one entry file plus a
// chunk per lazily imported part (each command, the emulator, the SQL pipeline), so a command
// still loads only what it may run, in a few files. dist/cli/main.js (tsc) stays as it was, for
// tests and in-process use; package.json's `bin` is the bundle.

import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Loaded from node_modules at run time: native (better-sqlite3), large and loaded lazily, or only
// by serve/mcp. Everything else a command imports statically (commander, cli-table3, cli-progress:
// small CommonJS packages every run of their command loads) goes into the bundle, which saves the
// CommonJS loader's resolve-read-compile per file. Packages loaded through createRequire (yaml,
// zod, undici, node-sql-parser) are never bundled: esbuild leaves those calls alone.
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
await build({
  absWorkingDir: root,
  entryPoints: { hookql: 'src/cli/main.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  chunkNames: 'chunks/[name]-[hash]',
  // The bundled CommonJS packages require Node built-ins (events, child_process); an ES module has no
  // `require`, so each output file gets one.
  banner: { js: "import { createRequire as __hookqlCreateRequire } from 'node:module'; const require = __hookqlCreateRequire(import.meta.url);" },
  plugins: [lazyChildProcess],
  logLevel: 'warning',
});
