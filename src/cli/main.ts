#!/usr/bin/env node
// The `hookql` executable: real process streams into the in-process CLI.

import { createEngine } from '../engine.js';
import { runCli } from './run-cli.js';

await runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  isTTY: Boolean(process.stderr.isTTY),
  setExitCode: (code) => {
    process.exitCode = code;
  },
  createEngine,
});
