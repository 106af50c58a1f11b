#!/usr/bin/env node
// N emulators in ONE process (for B7's 50 workspaces: 50 processes would measure the machine, not
// hookql), each on its own 127.0.0.1 port with its own in-memory state and the given faults.
// Prints the JSON array of their base URLs as the first line of stdout; serves until SIGTERM.
//
//   node bench/lib/fleet-main.js <count> <token> [faults]

import { startEmulator } from '../../dist/emulator/index.js';

const [count, token, faults] = [Number(process.argv[2]), process.argv[3], process.argv[4]];
const emulators = await Promise.all(Array.from({ length: count }, () => startEmulator({ token, faults: faults || undefined })));
process.stdout.write(JSON.stringify(emulators.map((e) => e.url)) + '\n');
const stop = async () => {
  await Promise.all(emulators.map((e) => e.close()));
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
