#!/usr/bin/env node
// The `hookql` executable: real process streams into the in-process CLI.

import { createEngine } from '../engine.js';
import { dropOutputOnceUnread, exitOnceWritten } from './end-process.js';
import { runCli } from './run-cli.js';

dropOutputOnceUnread(process.stdout);
dropOutputOnceUnread(process.stderr);

// Not awaited at the top level: the bundle (scripts/bundle.js) is CommonJS, which has no top-level
// await. A rejection is an unhandled one, which ends the process with exit status 1 all the same.
void runCli(process.argv.slice(2), {
  // Created when a command reads it: making process.stdin (a socket or stream) is ~5 ms, and
  // `hookql exec "…"` never reads it.
  get stdin() {
    return process.stdin;
  },
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  isTTY: Boolean(process.stderr.isTTY),
  setExitCode: (code) => {
    process.exitCode = code;
  },
  createEngine,
}).then(exitOnceWritten);
