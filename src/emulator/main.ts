#!/usr/bin/env node
// A standalone entry that runs only `hookql emulator`, so tests and benchmarks can spawn the emulator
// as its own process: `node dist/emulator/main.js --port 0 --db FILE`. Same flags and exit codes as
// the main CLI: 2 for a usage error, 1 when the emulator cannot start.

import { CommanderError } from 'commander';
import { emulatorCommand } from '../cli/emulator-command.js';

try {
  await emulatorCommand({ stdout: process.stdout, stderr: process.stderr }).parseAsync(process.argv.slice(2), { from: 'user' });
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    process.stderr.write(`hookql emulator: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
