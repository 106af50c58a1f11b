// What every figure needs: paths into the built dist/, a private HOOKQL_HOME and HOME, the bearer
// token the emulators accept, and a way to run `hookql` as a user would (a whole process).

import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run, runOk } from './processes.js';

const scratchDirs = new Set();
// Also on Ctrl-C and on failure: processes.js turns the signals into an exit.
process.once('exit', () => scratchDirs.forEach(removeDir));

function removeDir(dir) {
  rmSync(dir, { recursive: true, force: true });
  scratchDirs.delete(dir);
}

export function createContext({ runs }) {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const scratch = mkdtempSync(join(tmpdir(), 'hookql-bench-'));
  scratchDirs.add(scratch);
  mkdirSync(join(scratch, 'hookql'));
  const dist = (rel) => join(root, 'dist', rel);
  const token = 'hookql-bench-admin-token';
  // A clean environment: no DATABRICKS_* profile or debug settings from the caller's shell leak in.
  const env = (extra = {}) => ({ PATH: process.env.PATH ?? '', HOME: scratch, HOOKQL_HOME: join(scratch, 'hookql'), DATABRICKS_TOKEN: token, ...extra });
  // The executable users run (package.json `bin`): the esbuild bundle's launcher, from `npm run build`.
  const bin = join(root, JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).bin.hookql);
  const hookqlArgs = (args) => [bin, ...args];
  return {
    root,
    runs,
    token,
    dist,
    bench: (rel) => join(root, 'bench', rel),
    env,
    tmp: (name) => join(scratch, name),
    /** `hookql …` as a whole process; resolves { code, stdout, stderr, ms[, peakRssKb] }. */
    hookql: (args, options = {}) => run(process.execPath, hookqlArgs(args), { ...options, env: env(options.env) }),
    hookqlOk: (args, options = {}) => runOk(process.execPath, hookqlArgs(args), { ...options, env: env(options.env) }),
    node: (args, options = {}) => runOk(process.execPath, args, { ...options, env: env(options.env) }),
    /** Any other program (B1s's Node 22), in the same clean environment. */
    run: (command, args, options = {}) => runOk(command, args, { ...options, env: env(options.env) }),
    log: (line) => process.stderr.write(`  ${line}\n`),
    cleanup: () => removeDir(scratch),
  };
}

export const RESOURCE = 'databricks_workspace.ml.model_registry_webhooks';

/** The single number in `-o csv` output of a one-cell result (header line, then the value). */
export function csvNumber(stdout) {
  const lines = stdout.trim().split(/\r?\n/);
  return Number(lines[lines.length - 1]);
}
